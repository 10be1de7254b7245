// Whether an organization has credit left, cached briefly in process (the worker's debits
// refresh it through the database; a short TTL bounds the staleness).
import { loadingCache } from "../loading-cache.ts";
import type { PrismaClient } from "@switchyard/db";

export const BALANCE_TTL_MS = 5_000;

export interface Balances {
  hasCredit(organizationId: string): Promise<boolean>;
  invalidate(organizationId: string): void;
}

export function createBalances(prisma: PrismaClient): Balances {
  const cache = loadingCache(BALANCE_TTL_MS, async (organizationId) => {
    const row = await prisma.creditBalance.findUnique({ where: { organizationId } });
    return { positive: row !== null && row.balance.greaterThan(0) };
  });
  return {
    async hasCredit(organizationId) {
      return (await cache.get(organizationId))?.positive ?? false;
    },
    invalidate: (organizationId) => void cache.delete(organizationId),
  };
}
