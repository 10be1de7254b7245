// Gateway API keys `sy-<id>-<secret>`: the id finds the row, only an HMAC-SHA256 of the secret is
// stored, and verification compares in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";
import { SwitchyardError, newId, randomToken } from "@switchyard/core";

const SECRET_LENGTH = 40;
const ID_PATTERN = "key_[0-9a-z]{20}";
const TOKEN_RE = new RegExp(`^sy-(${ID_PATTERN})-([0-9a-z]{${SECRET_LENGTH}})$`);
/** `sy-` + `key_` + 20 + `-` + 40 */
export const API_KEY_LENGTH = 3 + 4 + 20 + 1 + SECRET_LENGTH;
const HASH_RE = /^[0-9a-f]{64}$/;

export interface GeneratedApiKey {
  /** The ApiKey row id, `key_…`. */
  id: string;
  /** The full key, shown to the user once. */
  token: string;
  /** Hex HMAC-SHA256 of the secret part: what is stored. */
  secretHash: string;
  /** `sy-<id>`: safe to show and log. */
  prefix: string;
  last4: string;
}

export function generateApiKey(hmacSecret: string): GeneratedApiKey {
  const id = newId("key");
  const secret = randomToken(SECRET_LENGTH);
  const prefix = `sy-${id}`;
  return { id, token: `${prefix}-${secret}`, secretHash: hashApiKeySecret(hmacSecret, secret), prefix, last4: secret.slice(-4) };
}

/** The id and secret of a well-formed key, or null; never throws, constant work on huge inputs. */
export function parseApiKey(token: unknown): { id: string; secret: string } | null {
  if (typeof token !== "string" || token.length !== API_KEY_LENGTH) return null;
  const match = TOKEN_RE.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Hex HMAC-SHA256 of an API key secret. */
export function hashApiKeySecret(hmacSecret: string, secret: string): string {
  if (!hmacSecret) throw new SwitchyardError("vault_error", "The API key HMAC secret is not configured.");
  return createHmac("sha256", hmacSecret).update(secret, "utf8").digest("hex");
}

export function verifyApiKeySecret(hmacSecret: string, secret: string, storedHash: string): boolean {
  if (typeof storedHash !== "string" || !HASH_RE.test(storedHash)) return false;
  const expected = Buffer.from(hashApiKeySecret(hmacSecret, secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return expected.length === stored.length && timingSafeEqual(expected, stored);
}
