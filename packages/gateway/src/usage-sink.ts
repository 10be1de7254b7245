// Hands usage events to the queue without ever failing or delaying the request. When Redis is
// not connected, or does not take the event within a few seconds, the event goes to the spool,
// which is replayed into the queue every few seconds once Redis answers again.
import type { Logger } from "@switchyard/core";
import { enqueueUsage, type UsageEventJob } from "@switchyard/queue";
import type { Queue } from "bullmq";
import type { Spool } from "./usage-spool.ts";

export interface UsageSink {
  emit(event: UsageEventJob): void;
}

export interface QueueSink extends UsageSink {
  /** Replays the spool if Redis is connected; safe to call at any time. */
  replay(): Promise<number>;
  /** Waits for the events being written (shutdown). */
  flush(): Promise<void>;
}

export const ENQUEUE_TIMEOUT_MS = 3_000;

export function queueSink(deps: { queue: Queue<UsageEventJob>; connected: () => boolean; spool: Spool; logger: Logger }): QueueSink {
  const { queue, connected, spool, logger } = deps;
  const inflight = new Set<Promise<void>>();

  const enqueue = (event: UsageEventJob) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("enqueue timed out")), ENQUEUE_TIMEOUT_MS);
      enqueueUsage(queue, event).then(
        () => (clearTimeout(timer), resolve()),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });

  const toSpool = (event: UsageEventJob, reason: string) =>
    spool.append(event).then(
      () => logger.warn({ requestId: event.requestId, reason }, "usage event spooled to disk"),
      (error: unknown) => logger.fatal({ requestId: event.requestId, err: (error as Error).message }, "usage event could not be spooled"),
    );

  let replaying: Promise<number> | undefined;
  return {
    emit(event) {
      const work = connected() ? enqueue(event).catch((error: unknown) => toSpool(event, (error as Error).message)) : toSpool(event, "redis not connected");
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
    },
    replay() {
      if (!connected()) return Promise.resolve(0);
      replaying ??= spool.replay(enqueue).finally(() => (replaying = undefined));
      return replaying;
    },
    async flush() {
      await Promise.allSettled([...inflight]);
    },
  };
}
