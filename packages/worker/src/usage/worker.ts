// The usage ingest worker: BullMQ delivers usage jobs (a gateway's batch of events, or one event
// from an older gateway); the events of concurrently delivered jobs are billed together in one
// statement (ingest.ts), gateways are told to refresh the balances that changed
// and the new events go out on the live request feed (control-plane subscriptions). A
// batch that fails is retried event by event, so one bad event cannot hold the others back;
// an event that keeps failing takes its job to the failed set (the dead-letter list) once its
// attempts are spent, logged with its request id; the job's other events are billed meanwhile,
// and its retries find them already billed.
import { Worker } from "bullmq";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import { USAGE_QUEUE, usageEventsOf, type UsageEventJob, type UsageJobData } from "@switchyard/queue";
import { publishInvalidation } from "@switchyard/runtime";
import type { Redis } from "ioredis";
import { createBatcher, type Outcome } from "./batcher.ts";
import { publishIngested } from "./feed.ts";
import { ingestBatch, type IngestResult } from "./ingest.ts";

export interface UsageWorkerOptions {
  /** Jobs held at once (default 400): twice the batch size in single-event jobs, so one batch fills while another commits. */
  concurrency?: number;
  /** Events billed in one statement (default half the concurrency). */
  maxBatchSize?: number;
  maxWaitMs?: number;
  /** How long a job's lock lasts without renewal: a crashed worker's jobs return after this. */
  lockDurationMs?: number;
}

export function startUsageWorker(deps: { prisma: PrismaClient; redis: Redis; prefix: string; logger: Logger }, options: UsageWorkerOptions = {}): Worker<UsageJobData> {
  const { prisma, redis, prefix, logger } = deps;
  const concurrency = options.concurrency ?? 400;

  const announce = (result: IngestResult) => {
    for (const organizationId of result.debited) {
      void publishInvalidation(redis, prefix, { type: "balance", id: organizationId }).catch(() => {});
    }
    void publishIngested(redis, prefix, logger, result.ingested);
  };

  // One outcome per event; a job completes with no return value (a batch-wide one would be
  // stored, serialized, with every job of the batch).
  const bill = createBatcher<UsageEventJob, void>(
    async (events): Promise<Array<Outcome<void>>> => {
      try {
        announce(await ingestBatch(prisma, events));
        return events.map(() => ({ ok: true, value: undefined }));
      } catch (error) {
        if (events.length === 1) return [{ ok: false, error }];
        logger.warn({ size: events.length, err: (error as Error).message }, "usage batch failed; billing its events one by one");
        const outcomes: Array<Outcome<void>> = [];
        for (const event of events) {
          try {
            announce(await ingestBatch(prisma, [event]));
            outcomes.push({ ok: true, value: undefined });
          } catch (single) {
            outcomes.push({ ok: false, error: single });
          }
        }
        return outcomes;
      }
    },
    { maxSize: options.maxBatchSize ?? Math.ceil(concurrency / 2), maxWaitMs: options.maxWaitMs ?? 25 },
  );

  // A job succeeds when each of its events is billed (now or before); otherwise it fails naming
  // the events that were not, and BullMQ retries it.
  const handle = async (job: { name: string; data: UsageJobData }): Promise<void> => {
    const events = usageEventsOf(job);
    const outcomes = await Promise.allSettled(events.map(bill));
    const failed = outcomes.flatMap((o, i) => (o.status === "rejected" ? [{ requestId: events[i]!.requestId, reason: o.reason as Error }] : []));
    if (failed.length === 0) return;
    throw new Error(failed.map((f) => `${f.requestId}: ${f.reason?.message ?? String(f.reason)}`).join("; "));
  };

  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker<UsageJobData>(USAGE_QUEUE, handle, {
    connection: connection as never,
    prefix,
    concurrency,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: Math.min(30_000, options.lockDurationMs ?? 30_000),
    // A job whose worker crashed is redelivered, not failed: billing must survive repeated crashes.
    maxStalledCount: 100,
  });
  worker.on("failed", (job, error) => {
    const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? "error" : "warn"]({ jobId: job?.id, jobName: job?.name, attempt: job?.attemptsMade, err: error.message }, final ? "usage job moved to the failed set (dead letter)" : "usage job failed; will retry");
  });
  worker.on("error", (error) => logger.warn({ err: error.message }, "usage worker error"));
  worker.on("closed", () => connection.disconnect());
  return worker;
}
