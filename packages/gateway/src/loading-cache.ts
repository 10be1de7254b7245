// In-process caches that load on a miss. Concurrent misses share one load, and once an entry
// is older than its TTL it is still served while a single background refresh runs, so an
// expiring entry never sends a burst of requests to the database. "Not found" is cached too
// (briefly), so a flood of unknown ids does not reach the database either.
import { LRUCache } from "lru-cache";

const MISSING = Symbol("missing");
type Slot<V> = V | typeof MISSING;

export interface LoadingCache<V extends object> {
  get(key: string): Promise<V | undefined>;
  /** Drops an entry (an in-flight load for it is discarded and done again). */
  delete(key: string): void;
  /** Reloads a cached entry in the background: callers keep getting the cached value, without waiting, until the new one is in. */
  refresh(key: string): void;
  /** Cached values, for invalidation by content. */
  entries(): Array<[string, V]>;
}

export function loadingCache<V extends object>(ttlMs: number, load: (key: string) => Promise<V | undefined>): LoadingCache<V> {
  const cache = new LRUCache<string, Slot<V>, unknown>({
    max: 10_000,
    ttl: ttlMs,
    allowStale: true,
    noDeleteOnFetchRejection: true,
    allowStaleOnFetchRejection: true,
    fetchMethod: async (key) => (await load(key)) ?? MISSING,
  });
  return {
    async get(key) {
      // A fetch aborted by a concurrent delete (an invalidation) resolves undefined: load again.
      for (let attempt = 0; attempt < 3; attempt++) {
        const slot = await cache.fetch(key);
        if (slot === MISSING) return undefined;
        if (slot !== undefined) return slot;
      }
      return load(key);
    },
    delete: (key) => void cache.delete(key),
    refresh: (key) => {
      if (cache.has(key)) void cache.fetch(key, { forceRefresh: true }).catch(() => undefined);
    },
    entries: () => [...cache.entries()].filter((e): e is [string, V] => e[1] !== MISSING),
  };
}
