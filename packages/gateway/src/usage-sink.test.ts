// Usage events reach the queue as batch jobs (one job per gathered batch, with the batch job
// options): every event exactly once, more events than one batch holds included, and flush()
// sends what is still gathered without waiting for the batch timer (shutdown).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { createUsageQueue, USAGE_BATCH_JOB, usageBatchJobOptions, type UsageJobData } from "@switchyard/queue";
import { queuedUsageEvents, sampleUsageEvent } from "@switchyard/queue/testing";
import type { Queue } from "bullmq";
import { MAX_BATCH, queueSink } from "./usage-sink.ts";
import { createSpool } from "./usage-spool.ts";

const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const logger = createLogger({ level: "silent" });
const queue = createUsageQueue({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, `test-${randomToken(8)}`);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchyard-sink-"));
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await rm(dir, { recursive: true, force: true });
});

it("adds every event once, in batches, and flush() sends what is gathered at once", async () => {
  await queue.waitUntilReady();
  const sink = queueSink({ queue, connected: () => true, spool: createSpool(dir, logger), logger });
  const events = Array.from({ length: MAX_BATCH * 2 + 7 }, () => sampleUsageEvent("org_1"));
  for (const e of events) sink.emit(e);
  await sink.flush();
  const jobs = await queue.getJobs(["waiting"]);
  expect(jobs).toHaveLength(3); // two full batches, then the rest at flush()
  for (const job of jobs) {
    expect(job.name).toBe(USAGE_BATCH_JOB);
    expect(job.opts).toMatchObject({ attempts: usageBatchJobOptions.attempts, backoff: usageBatchJobOptions.backoff, removeOnComplete: usageBatchJobOptions.removeOnComplete });
  }
  expect((await queuedUsageEvents(queue)).sort(byId)).toEqual([...events].sort(byId));
  expect(await readdir(dir)).toEqual([]); // nothing was spooled
});

it("keeps an event the queue refuses for good apart, so the replay of the others is not blocked", async () => {
  const own = await mkdtemp(join(tmpdir(), "switchyard-sink-rejected-"));
  await queue.obliterate({ force: true });
  try {
    const good = sampleUsageEvent("org_1");
    const bad = sampleUsageEvent("org_1");
    // The real queue, refusing (as Redis would with an error reply) any job that holds `bad`.
    const refusing = new Proxy(queue, {
      get(target, prop, receiver) {
        if (prop !== "add") return Reflect.get(target, prop, receiver) as unknown;
        return (name: string, data: UsageJobData, opts: object) =>
          "events" in data && data.events.some((e) => e.requestId === bad.requestId) ? Promise.reject(new Error("ERR refused")) : target.add(name, data, opts);
      },
    }) as Queue<UsageJobData>;
    const sink = queueSink({ queue: refusing, connected: () => true, spool: createSpool(own, logger), logger });
    sink.emit(good);
    sink.emit(bad);
    await sink.flush();
    expect(await queuedUsageEvents(queue)).toEqual([]); // the batch was refused whole and spooled
    expect(await sink.replay()).toBe(2);
    expect(await queuedUsageEvents(queue)).toEqual([good]);
    const files = await readdir(own);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^rejected-usage-.*\.jsonl$/);
    expect((await readFile(join(own, files[0]!), "utf8")).trim()).toBe(JSON.stringify(bad));
    expect(await sink.replay()).toBe(0); // nothing left to replay
  } finally {
    await rm(own, { recursive: true, force: true });
  }
});

const byId = (a: { requestId: string }, b: { requestId: string }) => (a.requestId < b.requestId ? -1 : 1);
