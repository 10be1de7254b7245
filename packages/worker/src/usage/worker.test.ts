// The BullMQ usage worker against real Redis: batched ingest, a poison event isolated into the
// failed set, and balance refreshes announced to gateways.
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { type Database, migrate, openDatabase, Prisma } from "@switchyard/db";
import { createUsageQueue, enqueueUsage, type UsageEventJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import type { Worker } from "bullmq";
import { startUsageWorker } from "./worker.ts";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test-${randomToken(8)}`;
const logger = createLogger({ level: "silent" });
let db: Database;
let redis: Redis;
let worker: Worker<UsageEventJob>;
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

it("bills queued events in batches, isolates a poison event, and announces new balances", async () => {
  const seen: Invalidation[] = [];
  const unsubscribe = await subscribeInvalidations(redis, prefix, logger, (m) => seen.push(m));
  const events = Array.from({ length: 300 }, () => event("org_w"));
  const poison = event("org_missing"); // violates the organization foreign key
  await queue.add("usage", poison, { jobId: poison.requestId, attempts: 1 });
  for (const e of events) await enqueueUsage(queue, e);
  for (const e of events.slice(0, 50)) await enqueueUsage(queue, e); // re-sent: same job id, ignored

  await expect.poll(() => db.prisma.usageEvent.count({ where: { organizationId: "org_w" } }), { timeout: 20_000 }).toBe(300);
  await expect.poll(async () => (await queue.getJob(poison.requestId))?.failedReason ?? "", { timeout: 20_000 }).not.toBe("");
  const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_w" } });
  expect(balance.balance.toString()).toBe("4.1");
  await expect.poll(() => seen.some((m) => m.type === "balance" && m.id === "org_w"), { timeout: 5000 }).toBe(true);
  await unsubscribe();
}, 60_000);
