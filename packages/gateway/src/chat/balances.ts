// Whether an organization has credit left, cached briefly in process (the worker's debits
// refresh it through the database; a short TTL bounds the staleness).
import { LRUCache } from "lru-cache";
import type { PrismaClient } from "@switchyard/db";

export const BALANCE_TTL_MS = 5_000;

export interface Balances {
  hasCredit(organizationId: string): Promise<boolean>;
  invalidate(organizationId: string): void;
}

export function createBalances(prisma: PrismaClient): Balances {
  const cache = new LRUCache<string, { positive: boolean }>({ max: 10_000, ttl: BALANCE_TTL_MS });
  return {
    async hasCredit(organizationId) {
      const cached = cache.get(organizationId);
      if (cached) return cached.positive;
      const row = await prisma.creditBalance.findUnique({ where: { organizationId } });
      const positive = row !== null && row.balance.greaterThan(0);
      cache.set(organizationId, { positive });
      return positive;
    },
    invalidate: (organizationId) => void cache.delete(organizationId),
  };
}
