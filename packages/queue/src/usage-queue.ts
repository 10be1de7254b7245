// The usage queue shared by producers (gateways) and the worker. Job id = request id, so a
// request is enqueued at most once however often the producer retries.
import { Queue, type ConnectionOptions } from "bullmq";
import type { UsageEventJob } from "./usage-event.ts";

export const USAGE_QUEUE = "usage-events";

export const usageJobOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createUsageQueue(connection: ConnectionOptions, prefix: string): Queue<UsageEventJob> {
  return new Queue<UsageEventJob>(USAGE_QUEUE, { connection, prefix });
}

export async function enqueueUsage(queue: Queue<UsageEventJob>, event: UsageEventJob): Promise<void> {
  await queue.add("usage", event, { ...usageJobOptions, jobId: event.requestId });
}

/** Repeatable jobs of the worker role (reconciliation; later spool and price maintenance). */
export const MAINTENANCE_QUEUE = "maintenance";
export const RECONCILE_EVERY_MS = 15 * 60_000;
