// Re-pricing after a dated price correction: the control plane enqueues one job per publication
// of a price override whose effectiveFrom lies in the past (set or delete); the worker re-prices
// the usage events of that provider and model from effectiveFrom to the next price change.
import { Queue, type ConnectionOptions } from "bullmq";

export const REPRICE_QUEUE = "prices-reprice";

export interface RepriceJob {
  /** The override set or deleted. */
  overrideId: string;
  /** Unique per publication (each set or delete call): with overrideId it names the job. */
  version: string;
  action: "set" | "delete";
  providerId: string;
  /** The catalog model id. */
  model: string;
  /** ISO time: the override's effectiveFrom, the start of the range to re-price. */
  from: string;
  /** ISO time the operator published the change. */
  publishedAt: string;
  /** The operator who published it (audit), null if unknown. */
  actorId: string | null;
}

export const repriceJobOptions = {
  attempts: 12,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { age: 30 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 90 * 24 * 3600 },
} as const;

/** Deterministic from the override and the publication: adding the same publication twice is one job. */
export function repriceJobId(job: Pick<RepriceJob, "overrideId" | "version">): string {
  return `reprice-${job.overrideId}-${job.version}`;
}

export function createRepriceQueue(connection: ConnectionOptions, prefix: string): Queue<RepriceJob> {
  return new Queue<RepriceJob>(REPRICE_QUEUE, { connection, prefix });
}

export async function enqueueReprice(queue: Queue<RepriceJob>, job: RepriceJob): Promise<string> {
  const jobId = repriceJobId(job);
  await queue.add("reprice", job, { ...repriceJobOptions, jobId });
  return jobId;
}
