// The reconciler: proves, per organization, that the ledger's usage and markup entries, plus the
// re-pricing adjustments of requests (kind adjustment with a request id, see repricing/), equal
// what the usage events billed, and that the daily and hourly rollups equal the events (billed
// amount, provider cost, markup and requests). Any difference is returned and logged loudly.
import type { Logger } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";

export interface Mismatch {
  organizationId: string;
  check: "ledger" | "rollup_day" | "rollup_hour";
  expected: string;
  actual: string;
}

type Sums = Map<string, { amount: string; requests: number; cost: string; markup: string }>;

async function sums(prisma: PrismaClient, query: Prisma.Sql): Promise<Sums> {
  const rows = await prisma.$queryRaw<Array<{ org: string; amount: string | null; requests: number | null; cost?: string | null; markup?: string | null }>>(query);
  const fixed = (v: string | null | undefined) => new Prisma.Decimal(v ?? 0).toFixed(10);
  return new Map(rows.map((r) => [r.org, { amount: fixed(r.amount), requests: Number(r.requests ?? 0), cost: fixed(r.cost), markup: fixed(r.markup) }]));
}

export async function reconcile(prisma: PrismaClient, logger: Logger): Promise<Mismatch[]> {
  const events = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, count(*)::int AS requests, sum("costTotal")::text AS cost, sum("markup")::text AS markup FROM "UsageEvent" GROUP BY 1`);
  const ledger = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, (-sum(amount))::text AS amount, count(*)::int AS requests FROM "CreditLedgerEntry"
    WHERE kind IN ('usage', 'markup') OR (kind = 'adjustment' AND "requestId" IS NOT NULL) GROUP BY 1`);
  const day = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, sum(requests)::int AS requests, sum("costTotal")::text AS cost, sum("markup")::text AS markup FROM "UsageRollup" WHERE granularity = 'day' GROUP BY 1`);
  const hour = await sums(prisma, Prisma.sql`SELECT "organizationId" AS org, sum("amountBilled")::text AS amount, sum(requests)::int AS requests, sum("costTotal")::text AS cost, sum("markup")::text AS markup FROM "UsageRollup" WHERE granularity = 'hour' GROUP BY 1`);

  const zero = { amount: new Prisma.Decimal(0).toFixed(10), requests: 0, cost: new Prisma.Decimal(0).toFixed(10), markup: new Prisma.Decimal(0).toFixed(10) };
  const orgs = new Set([...events.keys(), ...ledger.keys(), ...day.keys(), ...hour.keys()]);
  const mismatches: Mismatch[] = [];
  for (const organizationId of orgs) {
    const e = events.get(organizationId) ?? zero;
    const l = ledger.get(organizationId) ?? zero;
    if (l.amount !== e.amount) mismatches.push({ organizationId, check: "ledger", expected: e.amount, actual: l.amount });
    for (const [check, rollup] of [["rollup_day", day], ["rollup_hour", hour]] as const) {
      const r = rollup.get(organizationId) ?? zero;
      if (r.amount !== e.amount || r.requests !== e.requests || r.cost !== e.cost || r.markup !== e.markup) {
        const show = (x: typeof e) => `${x.amount} over ${x.requests} requests (cost ${x.cost}, markup ${x.markup})`;
        mismatches.push({ organizationId, check, expected: show(e), actual: show(r) });
      }
    }
  }
  for (const m of mismatches) logger.error(m, "RECONCILIATION MISMATCH: billing records disagree");
  logger.info({ organizations: orgs.size, mismatches: mismatches.length }, "usage reconciliation finished");
  return mismatches;
}
