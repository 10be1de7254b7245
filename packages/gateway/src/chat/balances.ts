// Whether an organization has credit left, cached briefly in process (a short TTL bounds the
// staleness). The worker announces new balances after each batch it bills: the cached answer is
// then reloaded in the background, so requests never wait for the database on the hot path, and
// at most once per REFRESH_INTERVAL_MS per organization however often the worker bills (an
// announcement inside that window is served by one more reload at its end, never dropped).
import { loadingCache } from "../loading-cache.ts";
import type { SqlDatabase } from "@switchyard/db";
import { hasPositiveBalance } from "../store.ts";

export const BALANCE_TTL_MS = 5_000;
export const REFRESH_INTERVAL_MS = 250;

export interface Balances {
  hasCredit(organizationId: string): Promise<boolean>;
  /** Drops the cached answer: the next request loads it. */
  invalidate(organizationId: string): void;
  /** Reloads the cached answer in the background (the balance changed by billing). */
  refresh(organizationId: string): void;
}

export function createBalances(sql: SqlDatabase): Balances {
  const cache = loadingCache(BALANCE_TTL_MS, async (organizationId) => {
    return { positive: await hasPositiveBalance(sql, organizationId) };
  });
  /** Organizations refreshed less than REFRESH_INTERVAL_MS ago, and whether another announcement came since. */
  const recent = new Map<string, { again: boolean }>();
  const refresh = (organizationId: string): void => {
    const window = recent.get(organizationId);
    if (window) {
      window.again = true;
      return;
    }
    cache.refresh(organizationId);
    const opened = { again: false };
    recent.set(organizationId, opened);
    setTimeout(() => {
      recent.delete(organizationId);
      if (opened.again) refresh(organizationId);
    }, REFRESH_INTERVAL_MS).unref();
  };
  return {
    async hasCredit(organizationId) {
      return (await cache.get(organizationId))?.positive ?? false;
    },
    invalidate: (organizationId) => void cache.delete(organizationId),
    refresh,
  };
}
