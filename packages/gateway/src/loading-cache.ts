// In-process caches that load on a miss. Concurrent misses share one load, and once an entry
// is older than its TTL it is still served while a single background refresh runs, so an
// expiring entry never sends a burst of requests to the database.
import { LRUCache } from "lru-cache";

export type LoadingCache<V extends object> = LRUCache<string, V, unknown>;

export function loadingCache<V extends object>(ttlMs: number, load: (key: string) => Promise<V | undefined>): LoadingCache<V> {
  return new LRUCache<string, V, unknown>({
    max: 10_000,
    ttl: ttlMs,
    allowStale: true,
    noDeleteOnFetchRejection: true,
    allowStaleOnFetchRejection: true,
    fetchMethod: (key) => load(key),
  });
}
