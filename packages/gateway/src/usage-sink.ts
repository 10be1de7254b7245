// Hands usage events to the queue without ever failing or delaying the request. Events are
// gathered for a few milliseconds and queued together as ONE job (`usage-batch`: one round trip
// and one BullMQ script in Redis for the batch instead of one per request). When Redis is not
// connected, or does not take a batch within a few seconds, the batch goes to the spool, which is
// replayed into the queue every few seconds once Redis answers again. Sending a batch twice is
// harmless: the worker bills each request id once.
import type { Logger } from "@switchyard/core";
import { enqueueUsageBatch, type UsageEventJob, type UsageJobData } from "@switchyard/queue";
import type { Queue } from "bullmq";
import type { Spool } from "./usage-spool.ts";

export interface UsageSink {
  emit(event: UsageEventJob): void;
}

export interface QueueSink extends UsageSink {
  /** Replays the spool if Redis is connected; safe to call at any time. */
  replay(): Promise<number>;
  /** Sends what is gathered now and waits for every batch being written (shutdown). */
  flush(): Promise<void>;
}

export const ENQUEUE_TIMEOUT_MS = 3_000;
/** How long an event waits for others to share its job and round trip to Redis (billing is not delayed noticeably). */
export const BATCH_DELAY_MS = 20;
export const MAX_BATCH = 500;

export function queueSink(deps: { queue: Queue<UsageJobData>; connected: () => boolean; spool: Spool; logger: Logger }): QueueSink {
  const { queue, connected, spool, logger } = deps;
  const inflight = new Set<Promise<void>>();
  let gathered: UsageEventJob[] = [];
  let timer: NodeJS.Timeout | undefined;

  const enqueue = (events: UsageEventJob[]) =>
    new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error("enqueue timed out")), ENQUEUE_TIMEOUT_MS);
      enqueueUsageBatch(queue, events).then(
        () => (clearTimeout(timeout), resolve()),
        (error: unknown) => (clearTimeout(timeout), reject(error)),
      );
    });

  const toSpool = (events: UsageEventJob[], reason: string) =>
    spool.append(events).then(
      () => logger.warn({ requestIds: events.map((e) => e.requestId), reason }, "usage events spooled to disk"),
      (error: unknown) => logger.fatal({ requestIds: events.map((e) => e.requestId), err: (error as Error).message }, "usage events could not be spooled"),
    );

  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    if (gathered.length === 0) return;
    const batch = gathered;
    gathered = [];
    const work = connected() ? enqueue(batch).catch((error: unknown) => toSpool(batch, (error as Error).message)) : toSpool(batch, "redis not connected");
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };

  // A batch the queue refuses while Redis is connected: send its events one by one, and keep the
  // ones refused alone in the spool's rejected file, logged, so one bad
  // event never blocks the replay of the others. A lost connection or a timeout is not a refusal.
  const enqueueIsolating = async (events: UsageEventJob[]): Promise<void> => {
    try {
      await enqueue(events);
    } catch (error) {
      if (!connected() || (error as Error).message === "enqueue timed out") throw error;
      const refused: Array<{ event: UsageEventJob; reason: string }> = [];
      for (const event of events) {
        try {
          await enqueue([event]);
        } catch (single) {
          if (!connected() || (single as Error).message === "enqueue timed out") throw single;
          refused.push({ event, reason: (single as Error).message });
        }
      }
      if (refused.length === 0) return;
      await spool.reject(refused.map((r) => r.event));
      logger.error({ refused: refused.map((r) => ({ requestId: r.event.requestId, reason: r.reason })) }, "usage events refused by the queue; kept in the spool's rejected file");
    }
  };

  let replaying: Promise<number> | undefined;
  return {
    emit(event) {
      gathered.push(event);
      if (gathered.length >= MAX_BATCH) send();
      else timer ??= setTimeout(send, BATCH_DELAY_MS);
    },
    replay() {
      if (!connected()) return Promise.resolve(0);
      replaying ??= spool.replay(enqueueIsolating, MAX_BATCH).finally(() => (replaying = undefined));
      return replaying;
    },
    async flush() {
      send();
      await Promise.allSettled([...inflight]);
    },
  };
}
