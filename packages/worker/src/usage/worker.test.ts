// The BullMQ usage worker against real Redis: batch jobs (gateways) and single-event jobs (older
// gateways) billed exactly once, a poison event isolated into the failed set, balance refreshes
// announced to gateways and new events on the live request feed.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { type Database, migrate, openDatabase, Prisma } from "@switchyard/db";
import { createUsageQueue, enqueueUsage, enqueueUsageBatch, USAGE_BATCH_JOB, type UsageJobData } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { parseCompletedRequests, requestFeedChannel, subscribeInvalidations, type CompletedRequest, type Invalidation } from "@switchyard/runtime";
import type { Worker } from "bullmq";
import { startUsageWorker } from "./worker.ts";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test-${randomToken(8)}`;
const logger = createLogger({ level: "silent" });
let db: Database;
let redis: Redis;
let worker: Worker<UsageJobData>;
const queue = createUsageQueue({ host: new URL(redisUrl).hostname, port: Number(new URL(redisUrl).port || 6379) }, prefix);

beforeAll(async () => {
  db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  await db.prisma.organization.create({ data: { id: "org_w", name: "w", balance: { create: { balance: new Prisma.Decimal(5) } } } });
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  worker = startUsageWorker({ prisma: db.prisma, redis, prefix, logger });
}, 60_000);

afterAll(async () => {
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await db.close();
});

const event = (organizationId: string) => sampleUsageEvent(organizationId, "0.003");

it("bills batch and single-event jobs once each, isolates a poison event, and announces new balances", async () => {
  const seen: Invalidation[] = [];
  const unsubscribe = await subscribeInvalidations(redis, prefix, logger, (m) => seen.push(m));
  const events = Array.from({ length: 300 }, () => event("org_w"));
  const poison = event("org_missing"); // violates the organization foreign key
  await queue.add("usage", poison, { jobId: poison.requestId, attempts: 1 });
  for (let i = 0; i < 200; i += 40) await enqueueUsageBatch(queue, events.slice(i, i + 40));
  for (const e of events.slice(200)) await enqueueUsage(queue, e); // an older gateway: one job per event
  for (const e of events.slice(200, 250)) await enqueueUsage(queue, e); // re-sent: same job id, ignored
  await enqueueUsageBatch(queue, [...events.slice(0, 30), ...events.slice(260, 270)]); // a replayed spool: billed already

  await expect.poll(() => db.prisma.usageEvent.count({ where: { organizationId: "org_w" } }), { timeout: 20_000 }).toBe(300);
  await expect.poll(async () => (await queue.getJob(poison.requestId))?.failedReason ?? "", { timeout: 20_000 }).not.toBe("");
  await expect.poll(() => queue.getJobCounts("waiting", "active", "delayed"), { timeout: 20_000 }).toMatchObject({ waiting: 0, active: 0, delayed: 0 });
  const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_w" } });
  expect(balance.balance.toString()).toBe("4.1");
  await expect.poll(() => seen.some((m) => m.type === "balance" && m.id === "org_w"), { timeout: 5000 }).toBe(true);
  await unsubscribe();
}, 60_000);

it("bills the good events of a batch job with a poison event, and fails the job naming it", async () => {
  const good = Array.from({ length: 5 }, () => event("org_w"));
  const poison = event("org_missing");
  const job = await queue.add(USAGE_BATCH_JOB, { events: [...good.slice(0, 2), poison, ...good.slice(2)] }, { attempts: 2, backoff: { type: "fixed", delay: 50 } });
  await expect.poll(async () => (await queue.getJob(job.id!))?.getState(), { timeout: 20_000 }).toBe("failed");
  const failed = (await queue.getJob(job.id!))!;
  expect(failed.attemptsMade).toBe(2);
  expect(failed.failedReason).toContain(poison.requestId);
  expect(failed.failedReason).not.toContain(good[0]!.requestId);
  expect(await db.prisma.usageEvent.count({ where: { requestId: { in: good.map((e) => e.requestId) } } })).toBe(5);
  const ledger = await db.prisma.creditLedgerEntry.count({ where: { requestId: { in: good.map((e) => e.requestId) } } });
  expect(ledger).toBe(5); // the retry found them billed: not debited twice
}, 60_000);

it("publishes each ingested event once on the live request feed, after it is committed", async () => {
  const subscriber = redis.duplicate();
  const seen: CompletedRequest[] = [];
  const committed: boolean[] = [];
  subscriber.on("message", (_channel: string, raw: string) => {
    const batch = parseCompletedRequests(raw);
    seen.push(...batch);
    // The event row is already visible when its feed message arrives.
    void db.prisma.usageEvent.count({ where: { requestId: { in: batch.map((r) => r.requestId) } } }).then((n) => committed.push(n === batch.length));
  });
  await subscriber.subscribe(requestFeedChannel(prefix));
  const events = Array.from({ length: 40 }, (_, i) =>
    sampleUsageEvent("org_w", "0.001", { projectId: i % 2 ? "prj_a" : "prj_b", keySource: i % 2 ? "credits" : "byok", markup: i % 2 ? "0" : "0.00005", status: i === 3 ? "upstream_error" : "success" }),
  );
  for (const e of events) await enqueueUsage(queue, e);
  await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(40);

  const first = events[3]!;
  const published = seen.find((r) => r.requestId === first.requestId);
  expect(published).toEqual({
    requestId: first.requestId, organizationId: "org_w", projectId: "prj_a", apiKeyId: first.apiKeyId, providerId: "openai", model: "gpt-4o-mini", endpoint: "chat.completions",
    keySource: "credits", status: "upstream_error", httpStatus: 200, errorCode: null, promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false,
    costTotal: "0.001", markup: "0", amountBilled: "0.001", latencyMs: 5, timeToFirstTokenMs: null, attempts: 1, createdAt: first.createdAt,
  });
  expect(new Set(seen.map((r) => r.requestId))).toEqual(new Set(events.map((e) => e.requestId)));
  await expect.poll(() => committed.length, { timeout: 5000 }).toBeGreaterThan(0);
  expect(committed.every(Boolean)).toBe(true);

  // A redelivered event is a duplicate: billed and announced once only.
  await queue.add("usage", first, { jobId: `${first.requestId}-again` });
  await expect.poll(async () => (await queue.getJob(`${first.requestId}-again`))?.finishedOn ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 200));
  expect(seen.filter((r) => r.requestId === first.requestId)).toHaveLength(1);
  await subscriber.quit();
}, 60_000);
