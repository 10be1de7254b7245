// A usage worker in its own process, for crash tests: argv = database URL, Redis URL, prefix.
import { Redis } from "ioredis";
import { createLogger } from "@switchyard/core";
import { openDatabase } from "@switchyard/db";
import { startUsageWorker } from "../usage/worker.ts";

const [databaseUrl, redisUrl, prefix] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({ databaseUrl });
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
startUsageWorker({ prisma: db.prisma, redis, prefix, logger: createLogger({ level: "silent" }) }, { lockDurationMs: 1_000, concurrency: 100 });
process.stdout.write("ready\n");
