// API key authentication: `Authorization: Bearer sy-<id>-<secret>` or `x-api-key`. Every
// failure (missing, malformed, unknown, wrong secret, revoked, expired, archived project)
// gets the same 401 so that nothing about other keys can be learned.
import { SwitchyardError, type Logger } from "@switchyard/core";
import type { SqlDatabase } from "@switchyard/db";
import { parseApiKey, verifyApiKeySecret } from "@switchyard/vault";
import { createKeyCache, type KeyCache, type ResolvedKey } from "./key-cache.ts";
import { findApiKey, touchApiKey } from "./store.ts";

const LAST_USED_GRANULARITY_MS = 60_000;

export function unauthorized(): SwitchyardError {
  return new SwitchyardError("invalid_api_key", "Invalid API key. Pass a Switchyard key as `Authorization: Bearer sy-…` or `x-api-key`.");
}

/** The request headers a key can arrive in (absent: null or undefined). */
export interface KeyHeaders {
  authorization: string | null | undefined;
  "x-api-key": string | null | undefined;
}

export function extractKey(headers: KeyHeaders): string | null {
  const auth = headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match ? match[1]! : null;
  }
  return headers["x-api-key"]?.trim() || null;
}

export interface Authenticator {
  authenticate(headers: KeyHeaders): Promise<ResolvedKey>;
}

/** Same-length strings compared in a time that does not depend on where they differ. */
function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function createAuthenticator(deps: {
  sql: SqlDatabase;
  hmacSecret: string;
  logger: Logger;
}): Authenticator & { cache: KeyCache } {
  const { sql, hmacSecret, logger } = deps;

  async function load(id: string): Promise<ResolvedKey | undefined> {
    const row = await findApiKey(sql, id);
    if (!row || row.status !== "active" || row.projectArchived) return undefined;
    const resolved: ResolvedKey = {
      apiKeyId: row.id,
      name: row.name,
      prefix: row.prefix,
      organizationId: row.organizationId,
      projectId: row.projectId,
      projectMode: row.projectMode,
      allowCreditsFallback: row.allowCreditsFallback,
      byokMarkupRate: row.byokMarkupRate,
      secretHash: row.secretHash,
      expiresAt: row.expiresAt,
      lastUsedAt: row.lastUsedAt,
    };
    return resolved;
  }
  const cache = createKeyCache(load);

  function touch(key: ResolvedKey): void {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_GRANULARITY_MS) return;
    key.lastUsedAt = now;
    touchApiKey(sql, key.apiKeyId, now).catch((error: unknown) => logger.warn({ apiKeyId: key.apiKeyId, err: String(error) }, "could not record lastUsedAt"));
  }

  /** The HMAC runs once per cached key: the secret it accepted is remembered in the cache entry. */
  function secretMatches(key: ResolvedKey, secret: string): boolean {
    if (key.verifiedSecret !== undefined && sameSecret(key.verifiedSecret, secret)) return true;
    if (!verifyApiKeySecret(hmacSecret, secret, key.secretHash)) return false;
    key.verifiedSecret = secret;
    return true;
  }

  return {
    cache,
    async authenticate(headers) {
      const token = extractKey(headers);
      const parsed = token ? parseApiKey(token) : null;
      if (!parsed) throw unauthorized();
      const key = await cache.get(parsed.id);
      if (!key || !secretMatches(key, parsed.secret)) throw unauthorized();
      if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) throw unauthorized();
      touch(key);
      return key;
    },
  };
}
