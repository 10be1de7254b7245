// For other packages' tests: bill events exactly as the usage worker does, and announce them on
// the live request feed as it does after a batch commits; run price-correction re-pricing jobs.
export { ingestBatch, type IngestResult } from "../usage/ingest.ts";
export { completedRequest, publishIngested } from "../usage/feed.ts";
export { startRepriceWorker } from "../repricing/worker.ts";
