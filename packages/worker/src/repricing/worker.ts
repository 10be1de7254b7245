// The re-pricing worker: one job at a time per process (pages lock events; several processes
// may run different jobs, they serialise on the rows they share). A failed attempt is retried
// with backoff and resumes from the job's checkpoint (its progress); on shutdown the job stops
// after its current page and goes back to the queue without using up an attempt.
import { DelayedError, Worker, type Job } from "bullmq";
import { REPRICE_QUEUE, type RepriceJob } from "@switchyard/queue";
import { runReprice, type Checkpoint, type RepriceDeps, type RunOptions, type RunOutcome } from "./run.ts";

export type RepriceWorkerOptions = Pick<RunOptions, "pageSize" | "afterPage">;

function checkpointOf(job: Job<RepriceJob>): Checkpoint | undefined {
  const p: unknown = job.progress;
  return typeof p === "object" && p !== null && "range" in p && "totals" in p ? (p as Checkpoint) : undefined;
}

export function startRepriceWorker(deps: RepriceDeps, options: RepriceWorkerOptions = {}): { worker: Worker<RepriceJob, RunOutcome>; close(): Promise<void> } {
  const { redis, prefix, logger } = deps;
  let stopping = false;
  const connection = redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker<RepriceJob, RunOutcome>(
    REPRICE_QUEUE,
    async (job, token) => {
      const checkpoint = checkpointOf(job);
      const outcome = await runReprice(deps, job.data, { ...options, ...(checkpoint ? { checkpoint } : {}), onCheckpoint: (cp) => job.updateProgress(cp), shouldStop: () => stopping });
      if (outcome.status === "interrupted") {
        await job.moveToDelayed(Date.now() + 1_000, token);
        throw new DelayedError();
      }
      if (outcome.status === "not_published") {
        // Enqueued inside the publishing transaction: wait for its commit; a rolled-back one never shows.
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        if (!last) throw new Error(`price override publication ${job.id} is not committed yet`);
        logger.warn({ jobId: job.id }, "re-pricing skipped: its price override publication never committed");
      }
      return outcome;
    },
    { connection: connection as never, prefix, concurrency: 1, lockDuration: 60_000 },
  );
  worker.on("failed", (job, error) => {
    const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
    logger[final ? "error" : "warn"]({ jobId: job?.id, attempt: job?.attemptsMade, err: error.message }, final ? "re-pricing job failed for good" : "re-pricing job failed; will retry");
  });
  worker.on("error", (error) => logger.warn({ err: error.message }, "re-pricing worker error"));
  worker.on("closed", () => connection.disconnect());
  return {
    worker,
    async close() {
      stopping = true;
      await worker.close();
    },
  };
}
