import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { migrate, openDatabase } from "@switchyard/db";
import { MAINTENANCE_QUEUE, RECONCILE_EVERY_MS } from "@switchyard/queue";
import { startMaintenance } from "./maintenance.ts";

it("schedules the usage reconciliation once for all workers and runs it", async () => {
  const url = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  const redis = new Redis(url.toString(), { maxRetriesPerRequest: null });
  const db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  const prefix = `test-${randomToken(8)}`;
  const deps = { prisma: db.prisma, redis, prefix, logger: createLogger({ level: "silent" }) };
  const [a, b] = [await startMaintenance(deps), await startMaintenance(deps)];
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix });
  const schedulers = await queue.getJobSchedulers();
  expect(schedulers.map((s) => [s.key, s.every])).toEqual([["reconcile-usage", String(RECONCILE_EVERY_MS)]].map(([k, e]) => [k, Number(e)]));
  await expect.poll(async () => (await queue.getCompleted()).map((j) => j.returnvalue), { timeout: 10_000 }).toEqual([{ mismatches: 0 }]);
  await a.close();
  await b.close();
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  await db.close();
}, 30_000);
