// Hands usage events to the queue without ever failing or delaying the request.
import type { Logger } from "@switchyard/core";
import { enqueueUsage, type UsageEventJob } from "@switchyard/queue";
import type { Queue } from "bullmq";

export interface UsageSink {
  emit(event: UsageEventJob): void;
}

export function queueSink(queue: Queue<UsageEventJob>, logger: Logger): UsageSink {
  return {
    emit(event) {
      enqueueUsage(queue, event).catch((error: unknown) =>
        logger.error({ requestId: event.requestId, err: (error as Error).message }, "could not enqueue the usage event"),
      );
    },
  };
}
