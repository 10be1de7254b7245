// Control-plane access tokens `syat_<48 [0-9a-z]>` (~248 bits): high entropy, so a plain SHA-256
// is a safe lookup key and no per-token salt or slow hash is needed.
import { createHash } from "node:crypto";
import { randomToken } from "@switchyard/core";

const PREFIX = "syat_";
const BODY_LENGTH = 48;
const TOKEN_RE = new RegExp(`^${PREFIX}[0-9a-z]{${BODY_LENGTH}}$`);
export const ACCESS_TOKEN_LENGTH = PREFIX.length + BODY_LENGTH;

export interface GeneratedAccessToken {
  /** Shown to the user once. */
  token: string;
  /** Hex SHA-256 of the token: what is stored and looked up. */
  tokenHash: string;
  last4: string;
}

export function generateAccessToken(): GeneratedAccessToken {
  const token = `${PREFIX}${randomToken(BODY_LENGTH)}`;
  return { token, tokenHash: hashAccessToken(token), last4: token.slice(-4) };
}

export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string has the shape of an access token (cheap; check before hashing and looking up). */
export function isAccessToken(token: unknown): token is string {
  return typeof token === "string" && token.length === ACCESS_TOKEN_LENGTH && TOKEN_RE.test(token);
}
