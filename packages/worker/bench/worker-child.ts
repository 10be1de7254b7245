// The usage worker under benchmark, in its own process: argv = database URL, Redis URL, prefix.
// Production settings (the worker's defaults); logs at "warn" go to stderr, and
// stdout carries only "ready". It stops on SIGTERM/SIGINT and, so it never outlives a benchmark
// that was killed outright, when its stdin (a pipe from the parent) closes.
import { Redis } from "ioredis";
import { createLogger } from "@switchyard/core";
import { openDatabase } from "@switchyard/db";
import { startUsageWorker } from "../src/usage/worker.ts";

const [databaseUrl, redisUrl, prefix] = process.argv.slice(2);
if (!databaseUrl || !redisUrl || !prefix) {
  process.stderr.write("usage: worker-child.ts <databaseUrl> <redisUrl> <prefix>\n");
  process.exit(2);
}

const db = await openDatabase({ databaseUrl });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const logger = createLogger({ level: "warn", destination: process.stderr });
const worker = startUsageWorker({ prisma: db.prisma, redis, prefix, logger });

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), 5_000).unref();
  void (async () => {
    await worker.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    redis.disconnect();
    process.exit(0);
  })();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();

process.stdout.write("ready\n");
