// A re-pricing job from start to end: checks that the publication committed, works out the
// range, walks its events organization by organization in pages (one transaction each),
// checkpoints after every committed page (a retry resumes there; redoing a page is harmless),
// tells gateways about changed balances, and leaves one `prices.reprice` audit entry per job.
//
// Exactly once. The event row is the record of the pricing last applied to it: a page locks its
// events, prices each again at the price now in effect at its createdAt, and in the same
// transaction writes the new amounts on the event, an `adjustment` entry of (stored billed − new
// billed), the balance and the rollups. The difference is taken against what is stored, so
// running a page again (retry, crash, duplicate job, a later job over the same range) finds
// nothing left to bill; each correction adds only its own difference, and for every request
// usage/markup entry + its adjustments = −amountBilled, which the reconciler proves. The entry's
// requestId is `<requestId>:reprice:<overrideId>.<version>` (version: one per publication), so
// the (requestId, kind) unique index also lets a job adjust an event at most once: an event that
// already carries this job's entry is skipped (a difference left there belongs to a later
// publication, whose own job applies it).
import type { Logger } from "@switchyard/core";
import { priceBook, toPriceOverride } from "@switchyard/catalog";
import { Prisma, type PrismaClient } from "@switchyard/db";
import { repriceJobId, type RepriceJob } from "@switchyard/queue";
import { publishInvalidation } from "@switchyard/runtime";
import type { Redis } from "ioredis";
import { repricePage, type Cursor, type PageCounts, type PageResult } from "./page.ts";
import { repriceRange, type RepriceRange, type Selector } from "./range.ts";

export interface RepriceDeps {
  prisma: PrismaClient;
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** The deployment's billing rates (decimal strings), as the gateways bill with. */
  rates: { creditsMargin: string; byokMarkup: string };
}

export interface Totals extends PageCounts {
  net: string;
  refunded: string;
  charged: string;
  costDelta: string;
  markupDelta: string;
}

/** Where a job stands: saved after each committed page (BullMQ job progress). */
export interface Checkpoint {
  range: { from: string; to: string; selectors: Selector[] };
  cursor: Cursor | null;
  totals: Totals;
  organizations: string[];
}

export interface RunOptions {
  pageSize?: number;
  checkpoint?: Checkpoint;
  onCheckpoint?(checkpoint: Checkpoint): Promise<void>;
  /** Tests: called after each committed page (throw to simulate a crash). */
  afterPage?(page: number): void | Promise<void>;
  /** Checked between pages: true stops the job at its checkpoint (shutdown). */
  shouldStop?(): boolean;
  now?: Date;
}

export type RunOutcome = { status: "not_published" } | { status: "interrupted" } | { status: "done"; jobId: string; range: Checkpoint["range"]; totals: Totals; organizations: number };

export const DEFAULT_PAGE_SIZE = 1_000;

export function jobKey(job: Pick<RepriceJob, "overrideId" | "version">): string {
  return `${job.overrideId}.${job.version}`;
}

/** The control plane writes the publication's audit entry (naming the job) in the same transaction that enqueues it. */
async function published(prisma: PrismaClient, job: RepriceJob, jobId: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "AuditLog"
    WHERE "organizationId" IS NULL AND "targetType" = 'price_override' AND "targetId" = ${job.overrideId} AND metadata->>'repriceJobId' = ${jobId}`;
  return (rows[0]?.n ?? 0) > 0;
}

async function organizations(prisma: PrismaClient, range: RepriceRange): Promise<string[]> {
  const pairs = Prisma.join(range.selectors.map((s) => Prisma.sql`(${s.providerId}, ${s.model})`));
  const rows = await prisma.$queryRaw<Array<{ org: string }>>`
    SELECT DISTINCT "organizationId" AS org FROM "UsageRollup"
    WHERE granularity = 'hour' AND bucket >= date_trunc('hour', ${range.from}::timestamp) AND bucket < ${range.to}::timestamp AND ("providerId", "model") IN (${pairs})
    ORDER BY 1`;
  return rows.map((r) => r.org);
}

const ZERO_TOTALS: Totals = { scanned: 0, repriced: 0, unchanged: 0, alreadyApplied: 0, skippedRateChanged: 0, skippedUnknownOffering: 0, net: "0", refunded: "0", charged: "0", costDelta: "0", markupDelta: "0" };

function accumulate(t: Totals, p: PageResult): Totals {
  const sum = (a: string, b: Prisma.Decimal) => new Prisma.Decimal(a).plus(b).toFixed();
  const counts = Object.fromEntries(Object.entries(p.counts).map(([k, v]) => [k, t[k as keyof PageCounts] + v])) as unknown as PageCounts;
  return { ...counts, net: sum(t.net, p.net), refunded: sum(t.refunded, p.refunded), charged: sum(t.charged, p.charged), costDelta: sum(t.costDelta, p.costDelta), markupDelta: sum(t.markupDelta, p.markupDelta) };
}

export async function runReprice(deps: RepriceDeps, job: RepriceJob, options: RunOptions = {}): Promise<RunOutcome> {
  const { prisma, logger } = deps;
  const jobId = repriceJobId(job);
  if (!(await published(prisma, job, jobId))) return { status: "not_published" };

  let cp = options.checkpoint;
  if (!cp) {
    const book = priceBook((await prisma.modelPriceOverride.findMany({ where: { providerId: job.providerId, model: job.model } })).map(toPriceOverride));
    const r = repriceRange({ providerId: job.providerId, model: job.model }, new Date(job.from), book, options.now ?? new Date());
    cp = { range: { from: r.from.toISOString(), to: r.to.toISOString(), selectors: r.selectors }, cursor: null, totals: ZERO_TOTALS, organizations: [] };
  }
  const range: RepriceRange = { from: new Date(cp.range.from), to: new Date(cp.range.to), selectors: cp.range.selectors };
  const description = `price correction ${job.providerId}/${job.model} from ${job.from} (${job.action} ${job.overrideId})`;
  const size = options.pageSize ?? DEFAULT_PAGE_SIZE;

  let page = 0;
  if (range.to > range.from) {
    for (const organizationId of await organizations(prisma, range)) {
      if (cp.cursor && organizationId < cp.cursor.organizationId) continue;
      let after = cp.cursor?.organizationId === organizationId ? cp.cursor : undefined;
      for (;;) {
        const result = await repricePage(prisma, { organizationId, range, after, size, jobKey: jobKey(job), description, rates: deps.rates });
        if (!result.last) break;
        after = result.last;
        const touched = result.changed || result.counts.alreadyApplied > 0;
        cp = {
          ...cp,
          cursor: result.last,
          totals: accumulate(cp.totals, result),
          organizations: touched && !cp.organizations.includes(organizationId) ? [...cp.organizations, organizationId] : cp.organizations,
        };
        if (result.changed) void publishInvalidation(deps.redis, deps.prefix, { type: "balance", id: organizationId }).catch(() => {});
        await options.onCheckpoint?.(cp);
        page += 1;
        await options.afterPage?.(page);
        if (options.shouldStop?.()) return { status: "interrupted" };
        if (result.counts.scanned < size) break;
      }
    }
  }

  const metadata = { jobId, overrideId: job.overrideId, action: job.action, providerId: job.providerId, model: job.model, publishedAt: job.publishedAt, publishedBy: job.actorId, from: cp.range.from, to: cp.range.to, offerings: cp.range.selectors.map((s) => `${s.providerId}/${s.model}`), ...cp.totals, organizations: cp.organizations.length };
  await prisma.auditLog.upsert({
    where: { id: `aud_${jobId}` },
    create: { id: `aud_${jobId}`, organizationId: null, actorType: "system", actorId: null, action: "prices.reprice", targetType: "price_override", targetId: job.overrideId, metadata },
    update: { metadata },
  });
  logger.info({ jobId, ...cp.totals, organizations: cp.organizations.length }, "re-pricing finished");
  return { status: "done", jobId, range: cp.range, totals: cp.totals, organizations: cp.organizations.length };
}
