// The reconciler: proves, per organization, that the ledger's usage and markup entries equal
// what the usage events billed, and that the daily and hourly rollups equal the events.
// Any difference is returned and logged loudly.
import type { Logger } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";

export interface Mismatch {
  organizationId: string;
  check: "ledger" | "rollup_day" | "rollup_hour";
  expected: string;
  actual: string;
}

type Sums = Map<string, { amount: string; requests: number }>;

async function sums(prisma: PrismaClient, query: Prisma.Sql): Promise<Sums> {
  const rows = await prisma.$queryRaw<Array<{ org: string; amount: string | null; requests: number | null }>>(query);
  return new Map(rows.map((r) => [r.org, { amount: new Prisma.Decimal(r.amount ?? 0).toFixed(10), requests: Number(r.requests ?? 0) }]));
}

export async function reconcile(prisma: PrismaClient, logger: Logger): Promise<Mismatch[]> {
  const events = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, count(*)::int AS requests FROM "UsageEvent" GROUP BY 1`);
  const ledger = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, (-sum(amount))::text AS amount, count(*)::int AS requests FROM "CreditLedgerEntry" WHERE kind IN ('usage', 'markup') GROUP BY 1`);
  const day = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, sum(requests)::int AS requests FROM "UsageRollup" WHERE granularity = 'day' GROUP BY 1`);
  const hour = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, sum(requests)::int AS requests FROM "UsageRollup" WHERE granularity = 'hour' GROUP BY 1`);

  const zero = { amount: new Prisma.Decimal(0).toFixed(10), requests: 0 };
  const orgs = new Set([...events.keys(), ...ledger.keys(), ...day.keys(), ...hour.keys()]);
  const mismatches: Mismatch[] = [];
  for (const organizationId of orgs) {
    const e = events.get(organizationId) ?? zero;
    const l = ledger.get(organizationId) ?? zero;
    if (l.amount !== e.amount) mismatches.push({ organizationId, check: "ledger", expected: e.amount, actual: l.amount });
    for (const [check, rollup] of [["rollup_day", day], ["rollup_hour", hour]] as const) {
      const r = rollup.get(organizationId) ?? zero;
      if (r.amount !== e.amount || r.requests !== e.requests) {
        mismatches.push({ organizationId, check, expected: `${e.amount} over ${e.requests} requests`, actual: `${r.amount} over ${r.requests} requests` });
      }
    }
  }
  for (const m of mismatches) logger.error(m, "RECONCILIATION MISMATCH: billing records disagree");
  logger.info({ organizations: orgs.size, mismatches: mismatches.length }, "usage reconciliation finished");
  return mismatches;
}
