export { startWorker } from "./server.ts";
