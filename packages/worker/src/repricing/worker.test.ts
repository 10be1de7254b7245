// The re-pricing job through BullMQ and real Redis: one job per publication however often it is
// enqueued, a crashed attempt retried from its checkpoint, a shutdown mid-job resumed by
// another worker, each without billing anything twice.
import { Redis } from "ioredis";
import { afterAll, expect, it } from "vitest";
import { createLogger, newId, randomToken } from "@switchyard/core";
import { migrate, Prisma } from "@switchyard/db";
import { databaseTargets } from "@switchyard/db/testing";
import { createRepriceQueue, enqueueReprice } from "@switchyard/queue";
import { ingestBatch } from "../usage/ingest.ts";
import { reconcile } from "../usage/reconcile.ts";
import { pricedEvent, publish, RATES } from "./test-fixtures.ts";
import { startRepriceWorker } from "./worker.ts";

const { targets, dropAll } = await databaseTargets();
afterAll(dropAll, 120_000);
const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const logger = createLogger({ level: "silent" });

it("runs each publication once, retries a crashed attempt and resumes after a shutdown, billing each difference once", async () => {
  const db = await targets[targets.length - 1]![1]();
  await migrate(db.sql);
  const prefix = `test-${randomToken(8)}`;
  const redis = new Redis(redisUrl.toString(), { maxRetriesPerRequest: null });
  const queue = createRepriceQueue({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, prefix);
  await db.prisma.organization.create({ data: { id: "org_q", name: "q", balance: { create: { balance: new Prisma.Decimal(1) } } } });
  await db.prisma.modelPriceOverride.create({ data: { id: newId("prc"), providerId: "groq", model: "gpt-oss-120b", effectiveFrom: new Date("2026-05-01T00:00:00Z"), inputPerMTok: new Prisma.Decimal("0.2"), outputPerMTok: new Prisma.Decimal("0.8") } });
  const events = [];
  for (let i = 0; i < 5; i++) events.push(await pricedEvent(db.prisma, { org: "org_q", at: `2026-05-0${i + 1}T12:00:00Z`, prompt: 1000, completion: 500 }));
  await ingestBatch(db.prisma, events);
  const deps = { prisma: db.prisma, redis, prefix, logger, rates: RATES };
  const adjustments = () => db.prisma.creditLedgerEntry.count({ where: { kind: "adjustment" } });

  // Attempt 1 crashes after its second page; attempt 2 resumes from the checkpoint.
  let attempts = 0;
  const first = startRepriceWorker(deps, { pageSize: 1, afterPage: (page) => {
    if (page === 1) attempts += 1;
    if (attempts === 1 && page === 2) throw new Error("worker killed");
  } });
  const job = await publish(db.prisma, { action: "set", effectiveFrom: "2026-05-01T00:00:00Z", prices: { inputPerMTok: "0.25", outputPerMTok: "1" } });
  const [id, again] = [await enqueueReprice(queue, job), await enqueueReprice(queue, job)];
  expect(again).toBe(id);
  await expect.poll(async () => (await queue.getJob(id))?.returnvalue, { timeout: 20_000, interval: 200 }).toMatchObject({ status: "done", totals: { repriced: 5, net: "-0.000825" } });
  expect((await queue.getJob(id))!.attemptsMade).toBe(2);
  expect(await queue.getJobs(["waiting", "active", "delayed", "completed", "failed"])).toHaveLength(1);
  expect(await adjustments()).toBe(5);
  await first.close();

  // A shutdown after the first page: the job goes back to the queue and another worker finishes it.
  const second = await publish(db.prisma, { action: "set", effectiveFrom: "2026-05-01T00:00:00Z", prices: { inputPerMTok: "0.3", outputPerMTok: "1" } });
  let closing: Promise<void> | undefined;
  const stopping = startRepriceWorker(deps, { pageSize: 1, afterPage: () => void (closing ??= stopping.close()) });
  const secondId = await enqueueReprice(queue, second);
  await expect.poll(() => closing !== undefined, { timeout: 10_000 }).toBe(true);
  await closing;
  expect(await adjustments()).toBe(6);
  expect(await (await queue.getJob(secondId))!.getState()).toBe("delayed");
  const third = startRepriceWorker(deps, { pageSize: 1 });
  await expect.poll(async () => (await queue.getJob(secondId))?.returnvalue, { timeout: 20_000, interval: 200 }).toMatchObject({ status: "done", totals: { repriced: 5, net: "-0.000275" } });
  expect(await adjustments()).toBe(10);
  // 5 × (1000 × 0.3 + 500 × 1) / 1e6 × 1.1 = 0.0044 billed in all.
  expect((await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_q" } })).balance.toFixed(10)).toBe("0.9956000000");
  expect(await reconcile(db.prisma, logger)).toEqual([]);

  await third.close();
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await db.close();
}, 60_000);
