// Usage events reach the queue in batches: every event exactly once (job id = request id, the
// options of a single add), more events than one batch holds included, and flush() sends what is
// still gathered without waiting for the batch timer (shutdown).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { createUsageQueue, usageJobOptions } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
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
  sink.emit(events[0]!); // the same request again: still one job
  await sink.flush();
  expect(await queue.count()).toBe(events.length);
  for (const e of [events[0]!, events[MAX_BATCH]!, events.at(-1)!]) {
    const job = await queue.getJob(e.requestId);
    expect(job?.data).toEqual(e);
    expect(job?.opts).toMatchObject({ attempts: usageJobOptions.attempts, backoff: usageJobOptions.backoff });
  }
  expect(await readdir(dir)).toEqual([]); // nothing was spooled
});

it("keeps an event the queue refuses for good apart, so the replay of the others is not blocked", async () => {
  const own = await mkdtemp(join(tmpdir(), "switchyard-sink-rejected-"));
  try {
    const sink = queueSink({ queue, connected: () => true, spool: createSpool(own, logger), logger });
    const good = sampleUsageEvent("org_1");
    const bad = { ...sampleUsageEvent("org_1"), requestId: "req_bad:1" }; // BullMQ refuses ":" in job ids
    sink.emit(good);
    sink.emit(bad);
    await sink.flush();
    expect(await queue.getJob(good.requestId)).toBeUndefined(); // the batch was refused whole and spooled
    expect(await sink.replay()).toBe(2);
    expect((await queue.getJob(good.requestId))?.data).toEqual(good);
    const files = await readdir(own);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^rejected-usage-.*\.jsonl$/);
    expect((await readFile(join(own, files[0]!), "utf8")).trim()).toBe(JSON.stringify(bad));
    expect(await sink.replay()).toBe(0); // nothing left to replay
  } finally {
    await rm(own, { recursive: true, force: true });
  }
});
