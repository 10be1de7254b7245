// One page of a re-pricing job, in one transaction: up to `size` events of one organization in
// the range, after the cursor, locked (FOR UPDATE) so nothing else re-prices them meanwhile,
// priced again against the overrides as they are now, and the differences written.
import { priceBook, toPriceOverride } from "@switchyard/catalog";
import { Prisma, type PrismaClient } from "@switchyard/db";
import { Money } from "@switchyard/metering";
import { adjustmentOf, applyChanges, type Change } from "./apply.ts";
import { repriceEvent } from "./price-event.ts";
import type { RepriceRange } from "./range.ts";

export interface Cursor {
  organizationId: string;
  /** ISO time and id of the last event of the page. */
  createdAt: string;
  id: string;
}

export interface PageCounts {
  scanned: number;
  repriced: number;
  unchanged: number;
  /** Adjusted by this job before (a retried page): counted, not billed again. */
  alreadyApplied: number;
  skippedRateChanged: number;
  skippedUnknownOffering: number;
}

export interface PageResult {
  counts: PageCounts;
  /** Sum of this job's adjustments on the page (positive: refunded to the organization). */
  net: Prisma.Decimal;
  refunded: Prisma.Decimal;
  charged: Prisma.Decimal;
  costDelta: Prisma.Decimal;
  markupDelta: Prisma.Decimal;
  /** Last event of the page; undefined when the organization has no more events in the range. */
  last: Cursor | undefined;
  changed: boolean;
}

export interface PageArgs {
  organizationId: string;
  range: RepriceRange;
  after: Cursor | undefined;
  size: number;
  /** Names the adjustment entries: `<requestId>:reprice:<jobKey>`. */
  jobKey: string;
  description: string;
  rates: { creditsMargin: string; byokMarkup: string };
}

export function ledgerKey(requestId: string, jobKey: string): string {
  return `${requestId}:reprice:${jobKey}`;
}

const zero = () => new Prisma.Decimal(0);

export async function repricePage(prisma: PrismaClient, args: PageArgs): Promise<PageResult> {
  const { organizationId, range, after, size, jobKey } = args;
  return prisma.$transaction(
    async (tx) => {
      const lo = after && Date.parse(after.createdAt) > range.from.getTime() ? new Date(after.createdAt) : range.from;
      const pairs = Prisma.join(range.selectors.map((s) => Prisma.sql`(${s.providerId}, ${s.model})`));
      const cursor = after ? Prisma.sql`AND ("createdAt" > ${new Date(after.createdAt)}::timestamp OR ("createdAt" = ${new Date(after.createdAt)}::timestamp AND id > ${after.id}))` : Prisma.empty;
      const locked = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM "UsageEvent"
        WHERE "organizationId" = ${organizationId} AND "createdAt" >= ${lo}::timestamp AND "createdAt" < ${range.to}::timestamp ${cursor}
          AND ("providerId", "model") IN (${pairs})
        ORDER BY "createdAt", id LIMIT ${size} FOR UPDATE`;
      const result: PageResult = {
        counts: { scanned: locked.length, repriced: 0, unchanged: 0, alreadyApplied: 0, skippedRateChanged: 0, skippedUnknownOffering: 0 },
        net: zero(), refunded: zero(), charged: zero(), costDelta: zero(), markupDelta: zero(),
        last: undefined,
        changed: false,
      };
      if (locked.length === 0) return result;

      const events = await tx.usageEvent.findMany({ where: { id: { in: locked.map((r) => r.id) } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      const last = events[events.length - 1]!;
      result.last = { organizationId, createdAt: last.createdAt.toISOString(), id: last.id };

      const book = priceBook((await tx.modelPriceOverride.findMany()).map(toPriceOverride));
      const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { byokMarkupRate: true } });
      const rates = { creditsMargin: new Money(args.rates.creditsMargin), byokMarkupRate: new Money(org?.byokMarkupRate?.toString() ?? args.rates.byokMarkup) };
      const done = await tx.creditLedgerEntry.findMany({
        where: { kind: "adjustment", requestId: { in: events.map((e) => ledgerKey(e.requestId, jobKey)) } },
        select: { requestId: true, amount: true },
      });
      const applied = new Map(done.map((d) => [d.requestId!, d.amount]));

      const changes: Change[] = [];
      for (const event of events) {
        const key = ledgerKey(event.requestId, jobKey);
        const previous = applied.get(key);
        if (previous !== undefined) {
          // This job adjusted the event already (the page is being retried). Any difference left
          // comes from a later publication, whose own job applies it.
          result.counts.alreadyApplied += 1;
          add(result, previous);
          continue;
        }
        const r = repriceEvent(event, book, rates);
        if (r.kind === "unchanged") result.counts.unchanged += 1;
        else if (r.kind === "skipped") result.counts[r.reason === "rate_changed" ? "skippedRateChanged" : "skippedUnknownOffering"] += 1;
        else {
          const change: Change = { event, before: r.before, after: r.after, ledgerKey: key };
          changes.push(change);
          result.counts.repriced += 1;
          add(result, adjustmentOf(change));
          result.costDelta = result.costDelta.plus(r.after.cost.total).minus(r.before.cost.total);
          result.markupDelta = result.markupDelta.plus(r.after.markup).minus(r.before.markup);
        }
      }
      await applyChanges(tx, organizationId, changes, args.description);
      result.changed = changes.length > 0;
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function add(result: PageResult, amount: Prisma.Decimal): void {
  result.net = result.net.plus(amount);
  if (amount.isPositive() && !amount.isZero()) result.refunded = result.refunded.plus(amount);
  if (amount.isNegative()) result.charged = result.charged.plus(amount.negated());
}
