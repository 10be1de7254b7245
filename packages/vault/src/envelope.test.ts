import { randomBytes } from "node:crypto";
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, last4Of, maskSecret, rewrapDataKey, type SecretContext, type StoredSecret } from "./envelope.ts";
import { createKeyring, generateMasterKey, type Keyring } from "./keyring.ts";
import { flipByte } from "./test-support.ts";

const v1 = generateMasterKey();
const v2 = generateMasterKey();
const keyringV1 = createKeyring([[1, v1]]);
const keyringV1V2 = createKeyring([[1, v1], [2, v2]]);
const keyringV2 = createKeyring([[2, v2]]);
const ctx: SecretContext = { organizationId: "org_aaaaaaaaaaaaaaaaaaaa", recordId: "pk_bbbbbbbbbbbbbbbbbbbb", providerId: "openai" };
const secret = `sk-test-${randomBytes(16).toString("hex")}`;

function expectVaultError(fn: () => unknown): SwitchyardError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SwitchyardError);
  const error = caught as SwitchyardError;
  expect(error.code).toBe("vault_error");
  for (const material of [secret, v1.toString("base64"), v1.toString("hex"), v2.toString("base64"), v2.toString("hex")]) {
    expect(error.message).not.toContain(material);
    expect(String(error.stack)).not.toContain(material);
  }
  return error;
}

describe("envelope encryption", () => {
  it("round-trips, with nonce ‖ tag ‖ ciphertext layout and no plaintext in the output", () => {
    const enc = encryptSecret(keyringV1, ctx, secret);
    expect(enc.masterKeyVersion).toBe(1);
    expect(enc.ciphertext.length).toBe(12 + 16 + Buffer.byteLength(secret));
    expect(enc.wrappedDataKey.length).toBe(12 + 16 + 32);
    expect(enc.ciphertext.includes(Buffer.from(secret))).toBe(false);
    expect(decryptSecret(keyringV1, ctx, enc)).toBe(secret);
  });

  it("round-trips unicode and JSON credentials, and accepts Uint8Array as read back from the database", () => {
    const json = JSON.stringify({ accessKeyId: "AKIAEXAMPLE1234", secretAccessKey: "wJalr/üñî©ødé/KEY", region: "eu-west-1" });
    const enc = encryptSecret(keyringV1, ctx, json, { maskSource: "AKIAEXAMPLE1234" });
    expect(enc.last4).toBe("1234");
    const stored: StoredSecret = {
      ciphertext: new Uint8Array(enc.ciphertext),
      wrappedDataKey: new Uint8Array(enc.wrappedDataKey),
      masterKeyVersion: enc.masterKeyVersion,
    };
    expect(decryptSecret(keyringV1, ctx, stored)).toBe(json);
  });

  it("uses a fresh data key and nonces for every encryption", () => {
    const a = encryptSecret(keyringV1, ctx, secret);
    const b = encryptSecret(keyringV1, ctx, secret);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.wrappedDataKey.equals(b.wrappedDataKey)).toBe(false);
  });

  it("rejects an empty secret", () => {
    expectVaultError(() => encryptSecret(keyringV1, ctx, ""));
  });
});

describe("tampering", () => {
  const enc = encryptSecret(keyringV1, ctx, secret);
  const cases: [string, (s: StoredSecret) => StoredSecret][] = [
    ["a ciphertext byte", (s) => ({ ...s, ciphertext: flipByte(s.ciphertext, s.ciphertext.length - 1) })],
    ["the ciphertext tag", (s) => ({ ...s, ciphertext: flipByte(s.ciphertext, 12 + 3) })],
    ["the ciphertext nonce", (s) => ({ ...s, ciphertext: flipByte(s.ciphertext, 0) })],
    ["a wrapped data key byte", (s) => ({ ...s, wrappedDataKey: flipByte(s.wrappedDataKey, s.wrappedDataKey.length - 1) })],
    ["the wrapped data key tag", (s) => ({ ...s, wrappedDataKey: flipByte(s.wrappedDataKey, 12 + 15) })],
    ["the wrapped data key nonce", (s) => ({ ...s, wrappedDataKey: flipByte(s.wrappedDataKey, 5) })],
    ["a truncated ciphertext", (s) => ({ ...s, ciphertext: s.ciphertext.subarray(0, 20) })],
    ["an empty wrapped data key", (s) => ({ ...s, wrappedDataKey: new Uint8Array() })],
    ["an unknown master key version", (s) => ({ ...s, masterKeyVersion: 9 })],
  ];
  it.each(cases)("fails on %s", (_name, tamper) => {
    expect(decryptSecret(keyringV1, ctx, enc)).toBe(secret);
    expectVaultError(() => decryptSecret(keyringV1, ctx, tamper(enc)));
  });

  it("fails when the version number is changed to another configured key", () => {
    const old = encryptSecret(keyringV1, ctx, secret);
    expectVaultError(() => decryptSecret(keyringV1V2, ctx, { ...old, masterKeyVersion: 2 }));
  });

  it("fails when ciphertexts of two records are swapped", () => {
    const other: SecretContext = { ...ctx, recordId: "pk_cccccccccccccccccccc" };
    const a = encryptSecret(keyringV1, ctx, secret);
    const b = encryptSecret(keyringV1, other, "sk-other-secret-0000");
    expectVaultError(() => decryptSecret(keyringV1, ctx, { ...a, ciphertext: b.ciphertext }));
    expectVaultError(() => decryptSecret(keyringV1, ctx, { ...a, wrappedDataKey: b.wrappedDataKey }));
  });
});

describe("binding to organization, record and provider", () => {
  const enc = encryptSecret(keyringV1, ctx, secret);
  it.each<[string, SecretContext]>([
    ["another organization (record moved)", { ...ctx, organizationId: "org_zzzzzzzzzzzzzzzzzzzz" }],
    ["another record id", { ...ctx, recordId: "pk_zzzzzzzzzzzzzzzzzzzz" }],
    ["another provider", { ...ctx, providerId: "anthropic" }],
    ["swapped fields", { organizationId: ctx.recordId, recordId: ctx.organizationId, providerId: ctx.providerId }],
  ])("fails for %s", (_name, moved) => {
    expectVaultError(() => decryptSecret(keyringV1, moved, enc));
  });

  it("encodes the context unambiguously (no concatenation collisions)", () => {
    const a: SecretContext = { organizationId: "org_a", recordId: "b|c", providerId: "p" };
    const b: SecretContext = { organizationId: "org_a|b", recordId: "c", providerId: "p" };
    expectVaultError(() => decryptSecret(keyringV1, b, encryptSecret(keyringV1, a, secret)));
  });
});

describe("master key rotation", () => {
  it("keeps old records readable, re-wraps them to the newest key, and needs the rewrap before the old key goes", () => {
    const old = encryptSecret(keyringV1, ctx, secret);
    expect(decryptSecret(keyringV1V2, ctx, old)).toBe(secret);
    expect(encryptSecret(keyringV1V2, ctx, secret).masterKeyVersion).toBe(2);

    expectVaultError(() => decryptSecret(keyringV2, ctx, old));

    const rewrapped = rewrapDataKey(keyringV1V2, ctx, old);
    expect(rewrapped.masterKeyVersion).toBe(2);
    expect(rewrapped.wrappedDataKey.equals(old.wrappedDataKey)).toBe(false);
    const moved: StoredSecret = { ciphertext: old.ciphertext, ...rewrapped };
    expect(decryptSecret(keyringV1V2, ctx, moved)).toBe(secret);
    expect(decryptSecret(keyringV2, ctx, moved)).toBe(secret);
    expectVaultError(() => decryptSecret(keyringV1, ctx, moved));
  });

  it("refuses to re-wrap a record bound to another context", () => {
    const old = encryptSecret(keyringV1, ctx, secret);
    expectVaultError(() => rewrapDataKey(keyringV1V2, { ...ctx, organizationId: "org_other" }, old));
  });

  it("works with any keyring shape", () => {
    const keyring: Keyring = createKeyring([[10, generateMasterKey()], [3, generateMasterKey()]]);
    const enc = encryptSecret(keyring, ctx, secret);
    expect(enc.masterKeyVersion).toBe(10);
    expect(decryptSecret(keyring, ctx, enc)).toBe(secret);
  });
});

describe("masking", () => {
  it("shows the last 4 characters of the secret, or of maskSource", () => {
    expect(encryptSecret(keyringV1, ctx, "sk-proj-abcdefghijklmnopWXYZ").last4).toBe("WXYZ");
    expect(encryptSecret(keyringV1, ctx, '{"apiKey":"azure-key-0000000000009876"}', { maskSource: "azure-key-0000000000009876" }).last4).toBe("9876");
    expect(maskSecret("abcd")).toBe("••••abcd");
  });

  it("reveals less of short values", () => {
    expect(last4Of("abc")).toBe("");
    expect(last4Of("abcdefghijk")).toBe("");
    expect(last4Of("abcdefghijkl")).toBe("ijkl");
    expect(last4Of("0123456789abcde😀")).toBe("cde😀");
  });
});
