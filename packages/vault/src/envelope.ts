// Envelope encryption of provider secrets: AES-256-GCM under a random per-record data key, the
// data key itself AES-256-GCM-wrapped by a versioned master key. Both layers authenticate the
// organization, record and provider they belong to, so a row copied elsewhere does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SwitchyardError } from "@switchyard/core";
import type { Keyring } from "./keyring.ts";

const ALGORITHM = "aes-256-gcm";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;
const CONTEXT = "switchyard.provider-key.v1";

/** What a stored secret is bound to; a mismatch on decryption fails authentication. */
export interface SecretContext {
  organizationId: string;
  recordId: string;
  providerId: string;
}

export interface WrappedKey {
  wrappedDataKey: Buffer<ArrayBuffer>;
  masterKeyVersion: number;
}

export interface EncryptedSecret extends WrappedKey {
  ciphertext: Buffer<ArrayBuffer>;
  last4: string;
}

/** A stored record as read back (Prisma returns `Uint8Array` for Bytes). */
export interface StoredSecret {
  ciphertext: Uint8Array;
  wrappedDataKey: Uint8Array;
  masterKeyVersion: number;
}

export function encryptSecret(
  keyring: Keyring,
  context: SecretContext,
  secret: string,
  options: { maskSource?: string } = {},
): EncryptedSecret {
  if (typeof secret !== "string" || secret.length === 0) throw new SwitchyardError("vault_error", "The secret to encrypt is empty.");
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const ciphertext = seal(dataKey, Buffer.from(secret, "utf8"), secretAad(context));
    return { ciphertext, ...wrap(keyring, context, dataKey), last4: last4Of(options.maskSource ?? secret) };
  } finally {
    dataKey.fill(0);
  }
}

export function decryptSecret(keyring: Keyring, context: SecretContext, record: StoredSecret): string {
  const dataKey = unwrap(keyring, context, record);
  try {
    const plaintext = open(dataKey, record.ciphertext, secretAad(context));
    if (!plaintext) throw failure("the secret could not be decrypted (tampered, or bound to another organization, record or provider)");
    const secret = plaintext.toString("utf8");
    plaintext.fill(0);
    return secret;
  } finally {
    dataKey.fill(0);
  }
}

/** The record's data key re-wrapped under the current master key; the ciphertext stays as is. */
export function rewrapDataKey(keyring: Keyring, context: SecretContext, record: Omit<StoredSecret, "ciphertext">): WrappedKey {
  const dataKey = unwrap(keyring, context, record);
  try {
    return wrap(keyring, context, dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/** The last 4 characters to show; none for values under 12 characters, where 4 would reveal too much. */
export function last4Of(value: string): string {
  const chars = Array.from(value);
  return chars.length < 12 ? "" : chars.slice(-4).join("");
}

/** How a stored secret is shown to users, e.g. `••••abcd`. */
export function maskSecret(last4: string): string {
  return `••••${last4}`;
}

function wrap(keyring: Keyring, context: SecretContext, dataKey: Buffer): WrappedKey {
  const version = keyring.current;
  const masterKey = keyring.keys.get(version);
  if (!masterKey) throw failure(`the current master key version ${version} is missing`);
  return { wrappedDataKey: seal(masterKey, dataKey, dataKeyAad(context, version)), masterKeyVersion: version };
}

function unwrap(keyring: Keyring, context: SecretContext, record: Omit<StoredSecret, "ciphertext">): Buffer {
  const version = record.masterKeyVersion;
  const masterKey = keyring.keys.get(version);
  if (!masterKey) throw failure(`master key version ${String(version)} is not configured`);
  const dataKey = open(masterKey, record.wrappedDataKey, dataKeyAad(context, version));
  if (!dataKey || dataKey.length !== DATA_KEY_BYTES) {
    throw failure("the data key could not be unwrapped (tampered, wrong master key, or bound to another organization, record or provider)");
  }
  return dataKey;
}

// JSON arrays encode the fields unambiguously; the layer label keeps the two layers apart.
function secretAad(c: SecretContext): Buffer {
  return Buffer.from(JSON.stringify([CONTEXT, "secret", c.organizationId, c.recordId, c.providerId]), "utf8");
}

function dataKeyAad(c: SecretContext, version: number): Buffer {
  return Buffer.from(JSON.stringify([CONTEXT, "data-key", c.organizationId, c.recordId, c.providerId, version]), "utf8");
}

/** nonce(12) ‖ tag(16) ‖ ciphertext */
function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer<ArrayBuffer> {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** The plaintext, or undefined when the box is malformed or fails authentication. */
function open(key: Buffer, box: Uint8Array, aad: Buffer): Buffer | undefined {
  if (!(box instanceof Uint8Array) || box.length < NONCE_BYTES + TAG_BYTES) return undefined;
  const bytes = Buffer.from(box.buffer, box.byteOffset, box.byteLength);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, NONCE_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

// Messages name what failed, never key material or the secret.
function failure(reason: string): SwitchyardError {
  return new SwitchyardError("vault_error", `Vault: ${reason}.`);
}
