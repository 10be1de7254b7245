export type { CostStrings, KeySource, UsageEventJob, UsageStatus, UsageUnits } from "./usage-event.ts";
export { createRepriceQueue, enqueueReprice, REPRICE_QUEUE, repriceJobId, repriceJobOptions, type RepriceJob } from "./reprice-queue.ts";
export { createUsageQueue, enqueueUsage, MAINTENANCE_QUEUE, RECONCILE_EVERY_MS, USAGE_QUEUE, usageJobOptions } from "./usage-queue.ts";
