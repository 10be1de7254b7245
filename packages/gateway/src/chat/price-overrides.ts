// The operator's price overrides, all of them (a small table), cached in process and reloaded
// when the control plane publishes a "prices" invalidation (or after the TTL, should a message
// be lost). Future overrides are loaded too: each request picks the one in effect at its time.
import { priceBook, type PriceBook } from "@switchyard/catalog";
import type { SqlDatabase } from "@switchyard/db";
import { allPriceOverrides } from "../store.ts";
import { loadingCache } from "../loading-cache.ts";

export const PRICE_OVERRIDES_TTL_MS = 60_000;

const ALL = "all";
const EMPTY: PriceBook = new Map();

export interface PriceOverrides {
  /** The current overrides, grouped by provider and model. */
  load(): Promise<PriceBook>;
  invalidate(): void;
}

export function createPriceOverrides(sql: SqlDatabase): PriceOverrides {
  const cache = loadingCache<PriceBook>(PRICE_OVERRIDES_TTL_MS, async () => priceBook(await allPriceOverrides(sql)));
  return {
    load: async () => (await cache.get(ALL)) ?? EMPTY,
    invalidate: () => cache.delete(ALL),
  };
}
