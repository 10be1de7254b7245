// Resolved API keys, cached in process for a short time so the hot path skips the database.
import { LRUCache } from "lru-cache";

export interface ResolvedKey {
  apiKeyId: string;
  name: string;
  prefix: string;
  organizationId: string;
  projectId: string;
  projectMode: "credits" | "byok" | "hybrid";
  allowCreditsFallback: boolean;
  secretHash: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
}

export const KEY_CACHE_TTL_MS = 10_000;

export function createKeyCache(): LRUCache<string, ResolvedKey> {
  return new LRUCache<string, ResolvedKey>({ max: 10_000, ttl: KEY_CACHE_TTL_MS });
}
