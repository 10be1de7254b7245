// The usage queue shared by producers (gateways) and the worker. A gateway queues the usage events
// it gathered over a few milliseconds as ONE job (`usage-batch`, data `{ events }`): one BullMQ
// script in Redis per batch instead of one per request. Single-event `usage` jobs (job id =
// request id) are still accepted: an older gateway queues them during an upgrade, and tools may.
// Exactly-once billing does not rest on job ids: the worker's ingest is keyed by request id, so
// an event queued twice (a replayed spool, a retried batch) is billed once.
import { Queue, type ConnectionOptions } from "bullmq";
import type { UsageEventJob } from "./usage-event.ts";

export const USAGE_QUEUE = "usage-events";
/** One usage event per job, job id = request id (older gateways). */
export const USAGE_JOB = "usage";
/** Several usage events per job, no custom job id (gateways today). */
export const USAGE_BATCH_JOB = "usage-batch";

export interface UsageBatchJob {
  events: UsageEventJob[];
}
export type UsageJobData = UsageEventJob | UsageBatchJob;

const retries = { attempts: 10, backoff: { type: "exponential", delay: 1_000 } } as const;

export const usageJobOptions = {
  ...retries,
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** A completed batch is kept an hour at most (up to 1,000 of them): it only serves inspection. */
export const usageBatchJobOptions = {
  ...retries,
  removeOnComplete: { age: 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createUsageQueue(connection: ConnectionOptions, prefix: string): Queue<UsageJobData> {
  return new Queue<UsageJobData>(USAGE_QUEUE, { connection, prefix });
}

/** Queues one event as its own job (job id = request id). */
export async function enqueueUsage(queue: Queue<UsageJobData>, event: UsageEventJob): Promise<void> {
  await queue.add(USAGE_JOB, event, { ...usageJobOptions, jobId: event.requestId });
}

/** Queues events as one batch job: one round trip and one script in Redis. */
export async function enqueueUsageBatch(queue: Queue<UsageJobData>, events: UsageEventJob[]): Promise<void> {
  await queue.add(USAGE_BATCH_JOB, { events }, usageBatchJobOptions);
}

/** The usage events a job carries, whichever kind it is; an unknown job name is an error. */
export function usageEventsOf(job: { name: string; data: UsageJobData }): UsageEventJob[] {
  if (job.name === USAGE_BATCH_JOB) {
    const { events } = job.data as UsageBatchJob;
    if (!Array.isArray(events)) throw new Error(`usage-batch job without an events array`);
    return events;
  }
  if (job.name === USAGE_JOB) return [job.data as UsageEventJob];
  throw new Error(`unknown usage job name ${JSON.stringify(job.name)}`);
}

/** Repeatable jobs of the worker role (reconciliation; later spool and price maintenance). */
export const MAINTENANCE_QUEUE = "maintenance";
export const RECONCILE_EVERY_MS = 15 * 60_000;
