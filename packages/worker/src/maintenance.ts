// Repeatable jobs: a BullMQ job scheduler (one schedule shared by every worker process, so the
// reconciliation runs once per period however many workers there are).
import { Queue, Worker } from "bullmq";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import { MAINTENANCE_QUEUE, RECONCILE_EVERY_MS } from "@switchyard/queue";
import type { Redis } from "ioredis";
import { checkDueKeys, type KeyHealthDeps } from "./key-health/check.ts";
import { reconcile } from "./usage/reconcile.ts";

/** How often the provider-key sweep looks for keys due a health check. */
export const KEY_SWEEP_EVERY_MS = 5 * 60_000;

export async function startMaintenance(deps: { prisma: PrismaClient; redis: Redis; prefix: string; logger: Logger; keyHealth?: KeyHealthDeps }): Promise<{ close(): Promise<void> }> {
  const { prisma, redis, prefix, logger } = deps;
  const queue = new Queue(MAINTENANCE_QUEUE, { connection: redis as never, prefix });
  await queue.upsertJobScheduler("reconcile-usage", { every: RECONCILE_EVERY_MS }, { name: "reconcile-usage", opts: { removeOnComplete: 100, removeOnFail: 100 } });
  if (deps.keyHealth) {
    await queue.upsertJobScheduler("check-provider-keys", { every: KEY_SWEEP_EVERY_MS }, { name: "check-provider-keys", opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async (job) => {
      if (job.name === "reconcile-usage") return { mismatches: (await reconcile(prisma, logger)).length };
      if (job.name === "check-provider-keys" && deps.keyHealth) return checkDueKeys(deps.keyHealth);
      throw new Error(`unknown maintenance job ${job.name}`);
    },
    { connection: connection as never, prefix, concurrency: 1 },
  );
  worker.on("error", (error) => logger.warn({ err: error.message }, "maintenance worker error"));
  return {
    async close() {
      await worker.close();
      connection.disconnect();
      await queue.close();
    },
  };
}
