export type { CostStrings, KeySource, UsageEventJob, UsageStatus } from "./usage-event.ts";
export { createUsageQueue, enqueueUsage, USAGE_QUEUE, usageJobOptions } from "./usage-queue.ts";
