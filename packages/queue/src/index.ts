export type { CostStrings, KeySource, UsageEventJob, UsageStatus, UsageUnits } from "./usage-event.ts";
export { createRepriceQueue, enqueueReprice, REPRICE_QUEUE, repriceJobId, repriceJobOptions, type RepriceJob } from "./reprice-queue.ts";
export {
  createUsageQueue, enqueueUsage, enqueueUsageBatch, MAINTENANCE_QUEUE, RECONCILE_EVERY_MS, USAGE_BATCH_JOB, USAGE_JOB, USAGE_QUEUE, usageBatchJobOptions, usageEventsOf, usageJobOptions,
  type UsageBatchJob, type UsageJobData,
} from "./usage-queue.ts";
