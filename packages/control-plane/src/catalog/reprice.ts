// A price correction (an override set or deleted with effectiveFrom in the past) re-prices the
// usage it changes: the worker's re-pricing job (packages/worker/src/repricing). It is enqueued
// as the last step of the publishing transaction, whose audit entry names the job: if Redis does
// not take it the change is rolled back and the mutation fails (publish again); the worker
// waits until the audit entry is visible, so a job never runs ahead of its price change.
import { randomToken } from "@switchyard/core";
import { createRepriceQueue, enqueueReprice, repriceJobId, type RepriceJob } from "@switchyard/queue";
import type { ControlPlaneDeps } from "../deps.ts";

export const ENQUEUE_TIMEOUT_MS = 3_000;

type RepriceQueue = ReturnType<typeof createRepriceQueue>;

const queues = new WeakMap<ControlPlaneDeps, RepriceQueue>();

function queueFor(deps: ControlPlaneDeps): RepriceQueue {
  let queue = queues.get(deps);
  if (!queue) {
    queue = createRepriceQueue(deps.redis as never, deps.redisPrefix);
    queues.set(deps, queue);
  }
  return queue;
}

export interface Correction {
  job: RepriceJob;
  jobId: string;
}

/** A correction's job, or null when effectiveFrom is still ahead (nothing billed at that price yet). */
export function correction(change: Omit<RepriceJob, "version" | "publishedAt" | "from"> & { effectiveFrom: Date }, now = new Date()): Correction | null {
  if (change.effectiveFrom.getTime() > now.getTime()) return null;
  const { effectiveFrom, ...rest } = change;
  const job: RepriceJob = { ...rest, from: effectiveFrom.toISOString(), version: randomToken(16), publishedAt: now.toISOString() };
  return { job, jobId: repriceJobId(job) };
}

/** Enqueues (inside the publishing transaction, after its audit entry): throws if Redis does not take it in time. */
export async function enqueueCorrection(deps: ControlPlaneDeps, c: Correction): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("the re-pricing job could not be enqueued (Redis did not answer)")), ENQUEUE_TIMEOUT_MS);
  });
  try {
    await Promise.race([enqueueReprice(queueFor(deps), c.job), timeout]);
  } catch (error) {
    deps.logger.error({ err: (error as Error).message, jobId: c.jobId }, "price correction not saved: its re-pricing job could not be enqueued");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
