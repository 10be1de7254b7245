export { queuedUsageEvents } from "./queued-events.ts";
export { sampleUsageEvent } from "./sample-event.ts";
