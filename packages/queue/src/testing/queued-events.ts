// The usage events held by a queue's jobs in any state, whichever kind of job carries them
// (batch or single), in queue order per state: what tests check a producer queued.
import type { Queue } from "bullmq";
import type { UsageEventJob } from "../usage-event.ts";
import { usageEventsOf, type UsageJobData } from "../usage-queue.ts";

export async function queuedUsageEvents(queue: Queue<UsageJobData>): Promise<UsageEventJob[]> {
  const jobs = await queue.getJobs(["waiting", "prioritized", "delayed", "active", "completed", "failed"]);
  return jobs.flatMap((job) => usageEventsOf(job));
}
