// Re-pricing after a dated price correction, on PGlite and PostgreSQL: exact Decimal results,
// ledger adjustments and balances, rollups equal to the events, the reconciler satisfied, and
// exactly once across re-runs, repeated corrections and a crash mid-job.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, newId, randomToken } from "@switchyard/core";
import { type Database, migrate, Prisma, type PrismaClient } from "@switchyard/db";
import { databaseTargets } from "@switchyard/db/testing";
import type { RepriceJob, UsageEventJob } from "@switchyard/queue";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import { ingestBatch } from "../usage/ingest.ts";
import { reconcile } from "../usage/reconcile.ts";
import { pricedEvent, publish, RATES } from "./test-fixtures.ts";
import { jobKey, runReprice, type Checkpoint, type RunOptions } from "./run.ts";

const { targets, dropAll } = await databaseTargets();
const logger = createLogger({ level: "silent" });
const prefix = `test-${randomToken(8)}`;
let redis: Redis;
const seen: Invalidation[] = [];
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
  unsubscribe = await subscribeInvalidations(redis, prefix, logger, (m) => seen.push(m));
}, 30_000);
afterAll(async () => {
  await unsubscribe();
  redis.disconnect();
  await dropAll();
}, 120_000);

const run = (db: Database, job: RepriceJob, options: RunOptions = {}) => runReprice({ prisma: db.prisma, redis, prefix, logger, rates: RATES }, job, options);

/** Every rollup row equals the sums of its events (per bucket and dimensions), for both granularities. */
async function rollupsMatchEvents(prisma: PrismaClient): Promise<void> {
  for (const g of ["hour", "day"] as const) {
    const events = await prisma.$queryRaw<Array<Record<string, string>>>`
      SELECT date_trunc(${g}, "createdAt")::text AS bucket, "organizationId" AS org, "providerId" || '/' || model || '/' || "keySource"::text AS dims,
        count(*)::text AS requests, sum("costTotal")::text AS cost, sum(markup)::text AS markup, sum("amountBilled")::text AS billed
      FROM "UsageEvent" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
    const rollups = await prisma.$queryRaw<Array<Record<string, string>>>`
      SELECT bucket::text AS bucket, "organizationId" AS org, "providerId" || '/' || model || '/' || "keySource"::text AS dims,
        sum(requests)::text AS requests, sum("costTotal")::text AS cost, sum(markup)::text AS markup, sum("amountBilled")::text AS billed
      FROM "UsageRollup" WHERE granularity = ${g}::"RollupGranularity" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
    expect(rollups, g).toEqual(events);
  }
}

async function balance(prisma: PrismaClient, organizationId: string): Promise<string> {
  return (await prisma.creditBalance.findUniqueOrThrow({ where: { organizationId } })).balance.toFixed(10);
}

async function billing(prisma: PrismaClient, requestId: string) {
  const e = await prisma.usageEvent.findUniqueOrThrow({ where: { requestId } });
  const f = (d: Prisma.Decimal) => d.toFixed(10);
  return { costInput: f(e.costInput), costOutput: f(e.costOutput), costTotal: f(e.costTotal), markup: f(e.markup), amountBilled: f(e.amountBilled) };
}

async function adjustments(prisma: PrismaClient, requestId: string): Promise<string[]> {
  const rows = await prisma.creditLedgerEntry.findMany({ where: { kind: "adjustment", requestId: { startsWith: `${requestId}:reprice:` } }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.amount.toFixed(10));
}

interface Seeded {
  db: Database;
  overrideId: string;
  e: Record<"c1" | "c2" | "b1" | "n1" | "before" | "after" | "other", UsageEventJob>;
}

/**
 * groq/gpt-oss-120b: catalog 0.15/0.60 per MTok, an override at 0.20/0.80 from 2026-03-01, the
 * next one at 0.30/1.00 from 2026-03-10. Credits margin 10%; org_b has its own BYOK rate, 8%.
 */
async function seed(open: () => Promise<Database>): Promise<Seeded> {
  const db = await open();
  await migrate(db.sql);
  await db.prisma.organization.create({ data: { id: "org_a", name: "a", balance: { create: { balance: new Prisma.Decimal(10) } } } });
  await db.prisma.organization.create({ data: { id: "org_b", name: "b", byokMarkupRate: new Prisma.Decimal("0.08"), balance: { create: { balance: new Prisma.Decimal(10) } } } });
  const base = { providerId: "groq", model: "gpt-oss-120b" };
  const old = await db.prisma.modelPriceOverride.create({ data: { id: newId("prc"), ...base, effectiveFrom: new Date("2026-03-01T00:00:00Z"), inputPerMTok: new Prisma.Decimal("0.20"), outputPerMTok: new Prisma.Decimal("0.80") } });
  await db.prisma.modelPriceOverride.create({ data: { id: newId("prc"), ...base, effectiveFrom: new Date("2026-03-10T00:00:00Z"), inputPerMTok: new Prisma.Decimal("0.30"), outputPerMTok: new Prisma.Decimal("1.00") } });
  const p = (spec: Parameters<typeof pricedEvent>[1]) => pricedEvent(db.prisma, spec);
  const e = {
    c1: await p({ org: "org_a", at: "2026-03-02T10:15:00Z", prompt: 1000, completion: 500 }),
    c2: await p({ org: "org_a", at: "2026-03-05T23:30:00Z", prompt: 333, completion: 77 }),
    b1: await p({ org: "org_b", at: "2026-03-03T08:00:00Z", keySource: "byok", byokRate: "0.08", prompt: 1000, completion: 500 }),
    n1: await p({ org: "org_b", at: "2026-03-04T12:00:00Z", keySource: "byok", byokRate: "0.08", providerId: "nvidia", prompt: 1000, completion: 500 }),
    before: await p({ org: "org_a", at: "2026-02-28T23:59:59.999Z", prompt: 1000, completion: 500 }),
    after: await p({ org: "org_a", at: "2026-03-10T00:00:00Z", prompt: 1000, completion: 500 }),
    other: await p({ org: "org_a", at: "2026-03-02T11:00:00Z", providerId: "openai", model: "gpt-4o-mini", prompt: 1000, completion: 500 }),
  };
  await ingestBatch(db.prisma, Object.values(e));
  return { db, overrideId: old.id, e };
}

const correct = (s: Seeded, inputPerMTok: string, outputPerMTok: string) => publish(s.db.prisma, { action: "set", effectiveFrom: "2026-03-01T00:00:00Z", prices: { inputPerMTok, outputPerMTok } });

describe.each(targets)("re-pricing on %s", (_name, open) => {
  it("re-prices the corrected range exactly: credits, BYOK markups (a free offering's too), ledger, balances, rollups", async () => {
    const s = await seed(open);
    const { prisma } = s.db;
    expect(await billing(prisma, s.e.c1.requestId)).toEqual({ costInput: "0.0002000000", costOutput: "0.0004000000", costTotal: "0.0006000000", markup: "0.0000600000", amountBilled: "0.0006600000" });
    expect([await balance(prisma, "org_a"), await balance(prisma, "org_b")]).toEqual(["9.9973289800", "9.9999040000"]);
    const untouched = await Promise.all([s.e.before, s.e.after, s.e.other].map((e) => billing(prisma, e.requestId)));

    const job = await correct(s, "0.25", "1.00");
    const outcome = await run(s.db, job, { now: new Date("2026-11-01T00:00:00Z") });
    expect(outcome).toMatchObject({
      status: "done",
      range: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-10T00:00:00.000Z" },
      totals: { scanned: 4, repriced: 4, unchanged: 0, alreadyApplied: 0, net: "-0.000224255", charged: "0.000224255", refunded: "0", costDelta: "0.00033205", markupDelta: "0.000042205" },
      organizations: 2,
    });

    expect(await billing(prisma, s.e.c1.requestId)).toEqual({ costInput: "0.0002500000", costOutput: "0.0005000000", costTotal: "0.0007500000", markup: "0.0000750000", amountBilled: "0.0008250000" });
    expect(await billing(prisma, s.e.c2.requestId)).toEqual({ costInput: "0.0000832500", costOutput: "0.0000770000", costTotal: "0.0001602500", markup: "0.0000160250", amountBilled: "0.0001762750" });
    expect(await billing(prisma, s.e.b1.requestId)).toEqual({ costInput: "0.0002500000", costOutput: "0.0005000000", costTotal: "0.0007500000", markup: "0.0000600000", amountBilled: "0.0000600000" });
    expect(await billing(prisma, s.e.n1.requestId)).toEqual({ costInput: "0.0000000000", costOutput: "0.0000000000", costTotal: "0.0000000000", markup: "0.0000600000", amountBilled: "0.0000600000" });
    expect(await Promise.all([s.e.before, s.e.after, s.e.other].map((e) => billing(prisma, e.requestId)))).toEqual(untouched);

    const entry = await prisma.creditLedgerEntry.findUniqueOrThrow({ where: { requestId_kind: { requestId: `${s.e.c1.requestId}:reprice:${jobKey(job)}`, kind: "adjustment" } } });
    expect([entry.organizationId, entry.amount.toFixed(10)]).toEqual(["org_a", "-0.0001650000"]);
    expect(await adjustments(prisma, s.e.c2.requestId)).toEqual(["-0.0000352550"]);
    expect(await adjustments(prisma, s.e.b1.requestId)).toEqual(["-0.0000120000"]);
    expect(await adjustments(prisma, s.e.n1.requestId)).toEqual(["-0.0000120000"]);
    expect(await prisma.creditLedgerEntry.count({ where: { kind: "adjustment" } })).toBe(4);
    expect([await balance(prisma, "org_a"), await balance(prisma, "org_b")]).toEqual(["9.9971287250", "9.9998800000"]);

    await rollupsMatchEvents(prisma);
    expect(await reconcile(prisma, logger)).toEqual([]);

    const audit = await prisma.auditLog.findMany({ where: { action: "prices.reprice" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "system", organizationId: null, targetType: "price_override", targetId: job.overrideId });
    expect(audit[0]!.metadata).toMatchObject({ repriced: 4, net: "-0.000224255", offerings: ["groq/gpt-oss-120b", "nvidia/gpt-oss-120b"], publishedBy: "usr_operator", organizations: 2 });
    await expect.poll(() => seen.filter((m) => m.type === "balance").map((m) => (m as { id: string }).id)).toEqual(expect.arrayContaining(["org_a", "org_b"]));
    await s.db.close();
  }, 120_000);

  it("re-running the job, or publishing the same correction again, changes nothing", async () => {
    const s = await seed(open);
    const { prisma } = s.db;
    const job = await correct(s, "0.25", "1.00");
    const first = await run(s.db, job);
    const state = async () => ({
      ledger: (await prisma.creditLedgerEntry.findMany({ orderBy: { id: "asc" } })).map((l) => [l.requestId, l.amount.toFixed(10)]),
      events: (await prisma.usageEvent.findMany({ orderBy: { id: "asc" } })).map((e) => [e.requestId, e.amountBilled.toFixed(10), e.costTotal.toFixed(10)]),
      balances: [await balance(prisma, "org_a"), await balance(prisma, "org_b")],
    });
    const before = await state();

    const again = await run(s.db, job);
    expect(again).toMatchObject({ status: "done", totals: { repriced: 0, alreadyApplied: 4, net: "-0.000224255" } });
    expect(again.status === "done" && first.status === "done" && again.totals.net).toBe(first.status === "done" && first.totals.net);
    const republished = await run(s.db, await correct(s, "0.25", "1.00"));
    expect(republished).toMatchObject({ status: "done", totals: { repriced: 0, unchanged: 4, net: "0" } });

    expect(await state()).toEqual(before);
    expect(await prisma.auditLog.count({ where: { action: "prices.reprice" } })).toBe(2);
    expect(await reconcile(prisma, logger)).toEqual([]);
    await s.db.close();
  }, 120_000);

  it("a second correction of the same range applies only the new difference; deleting the override restores the catalog price", async () => {
    const s = await seed(open);
    const { prisma } = s.db;
    await run(s.db, await correct(s, "0.25", "1.00"));
    const lower = await run(s.db, await correct(s, "0.10", "0.40"));
    expect(lower).toMatchObject({ status: "done", totals: { repriced: 4, net: "0.000672765", refunded: "0.000672765", charged: "0" } });
    expect(await billing(prisma, s.e.c1.requestId)).toEqual({ costInput: "0.0001000000", costOutput: "0.0002000000", costTotal: "0.0003000000", markup: "0.0000300000", amountBilled: "0.0003300000" });
    expect(await adjustments(prisma, s.e.c1.requestId)).toEqual(["-0.0001650000", "0.0004950000"]);
    expect(await adjustments(prisma, s.e.c2.requestId)).toEqual(["-0.0000352550", "0.0001057650"]);
    expect(await adjustments(prisma, s.e.b1.requestId)).toEqual(["-0.0000120000", "0.0000360000"]);
    // Every charge the organization ever had for a request adds up to what the event bills now.
    expect([await balance(prisma, "org_a"), await balance(prisma, "org_b")]).toEqual(["9.9977294900", "9.9999520000"]);
    await rollupsMatchEvents(prisma);
    expect(await reconcile(prisma, logger)).toEqual([]);

    const deleted = await run(s.db, await publish(prisma, { action: "delete", overrideId: s.overrideId }));
    expect(deleted).toMatchObject({ status: "done", range: { from: "2026-03-01T00:00:00.000Z", to: "2026-03-10T00:00:00.000Z" }, totals: { repriced: 4 } });
    // Back at the catalog's 0.15/0.60: 0.00045 + 10% for 1000/500 tokens.
    expect(await billing(prisma, s.e.c1.requestId)).toEqual({ costInput: "0.0001500000", costOutput: "0.0003000000", costTotal: "0.0004500000", markup: "0.0000450000", amountBilled: "0.0004950000" });
    expect(await adjustments(prisma, s.e.c1.requestId)).toHaveLength(3);
    await rollupsMatchEvents(prisma);
    expect(await reconcile(prisma, logger)).toEqual([]);
    await s.db.close();
  }, 120_000);

  it("a crash after the first page, then a retry from the checkpoint or from the start, bills nothing twice", async () => {
    for (const resume of [true, false]) {
      const s = await seed(open);
      const { prisma } = s.db;
      const job = await correct(s, "0.25", "1.00");
      let checkpoint: Checkpoint | undefined;
      const crash = run(s.db, job, {
        pageSize: 1,
        onCheckpoint: async (cp) => void (checkpoint = cp),
        afterPage: (page) => {
          if (page === 1) throw new Error("worker killed");
        },
      });
      await expect(crash).rejects.toThrow("worker killed");
      expect(await prisma.creditLedgerEntry.count({ where: { kind: "adjustment" } })).toBe(1);
      expect(checkpoint?.totals.repriced).toBe(1);

      const retry = await run(s.db, job, { pageSize: 1, ...(resume && checkpoint ? { checkpoint } : {}) });
      expect(retry).toMatchObject({ status: "done", totals: { repriced: resume ? 4 : 3, alreadyApplied: resume ? 0 : 1, net: "-0.000224255" } });
      for (const e of [s.e.c1, s.e.c2, s.e.b1, s.e.n1]) expect(await adjustments(prisma, e.requestId)).toHaveLength(1);
      expect([await balance(prisma, "org_a"), await balance(prisma, "org_b")]).toEqual(["9.9971287250", "9.9998800000"]);
      await rollupsMatchEvents(prisma);
      expect(await reconcile(prisma, logger)).toEqual([]);
      const audit = await prisma.auditLog.findMany({ where: { action: "prices.reprice" } });
      expect(audit.map((a) => (a.metadata as { net: string }).net)).toEqual(["-0.000224255"]);
      await s.db.close();
    }
  }, 180_000);

  it("the reconciler counts re-pricing adjustments (not manual ones) and checks the rollups' cost and markup", async () => {
    const s = await seed(open);
    const { prisma } = s.db;
    await run(s.db, await correct(s, "0.25", "1.00"));
    await prisma.creditLedgerEntry.create({ data: { id: newId("led"), organizationId: "org_a", kind: "adjustment", amount: new Prisma.Decimal(5), description: "goodwill" } });
    expect(await reconcile(prisma, logger)).toEqual([]);

    const adjustment = await prisma.creditLedgerEntry.findFirstOrThrow({ where: { organizationId: "org_b", kind: "adjustment", requestId: { not: null } } });
    await prisma.creditLedgerEntry.delete({ where: { id: adjustment.id } });
    const rollup = await prisma.usageRollup.findFirstOrThrow({ where: { organizationId: "org_a", granularity: "day", model: "gpt-oss-120b", providerId: "groq", bucket: new Date("2026-03-02T00:00:00Z") } });
    await prisma.usageRollup.update({ where: { id: rollup.id }, data: { costTotal: { increment: new Prisma.Decimal("0.0000000001") } } });
    expect((await reconcile(prisma, logger)).map((m) => [m.organizationId, m.check])).toEqual([["org_a", "rollup_day"], ["org_b", "ledger"]]);
    await s.db.close();
  }, 120_000);

  it("leaves an event billed at a rate that has changed since alone, and waits for the publication to commit", async () => {
    const s = await seed(open);
    const { prisma } = s.db;
    await prisma.organization.update({ where: { id: "org_b" }, data: { byokMarkupRate: new Prisma.Decimal("0.1") } });
    const before = await billing(prisma, s.e.b1.requestId);
    const outcome = await run(s.db, await correct(s, "0.25", "1.00"));
    // b1's stored markup is not 10% of its stored cost: never re-billed on a guess. (A free
    // offering's BYOK markup base is not stored, so n1 cannot be checked and takes the new rate.)
    expect(outcome).toMatchObject({ status: "done", totals: { repriced: 3, skippedRateChanged: 1 } });
    expect(await billing(prisma, s.e.b1.requestId)).toEqual(before);
    expect(await reconcile(prisma, logger)).toEqual([]);

    const uncommitted: RepriceJob = { ...(await correct(s, "0.3", "1")), version: "rolledback" };
    expect(await run(s.db, uncommitted)).toEqual({ status: "not_published" });
    await s.db.close();
  }, 120_000);
});
