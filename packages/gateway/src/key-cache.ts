// Resolved API keys, cached in process for a short time so the hot path skips the database.
import { type LoadingCache, loadingCache } from "./loading-cache.ts";

export interface ResolvedKey {
  apiKeyId: string;
  name: string;
  prefix: string;
  organizationId: string;
  projectId: string;
  projectMode: "credits" | "byok" | "hybrid";
  allowCreditsFallback: boolean;
  /** The organization's own BYOK markup rate (fraction), or null for the deployment default. */
  byokMarkupRate: string | null;
  secretHash: string;
  /** The secret that last matched secretHash: later requests compare with it instead of an HMAC. */
  verifiedSecret?: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export const KEY_CACHE_TTL_MS = 10_000;

export type KeyCache = LoadingCache<ResolvedKey>;

export function createKeyCache(load: (id: string) => Promise<ResolvedKey | undefined>): KeyCache {
  return loadingCache(KEY_CACHE_TTL_MS, load);
}
