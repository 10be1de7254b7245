// Redis down: usage events go to the fsync'd spool and reach the queue once Redis is back,
// each exactly once, including those a crashed process left behind.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger, randomToken } from "@switchyard/core";
import { createUsageQueue } from "@switchyard/queue";
import { queuedUsageEvents, sampleUsageEvent } from "@switchyard/queue/testing";
import { queueSink } from "./usage-sink.ts";
import { createSpool } from "./usage-spool.ts";

const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const logger = createLogger({ level: "silent" });
const queue = createUsageQueue({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) }, `test-${randomToken(8)}`);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchyard-spool-"));
});
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
  await rm(dir, { recursive: true, force: true });
});

const event = () => sampleUsageEvent("org_1");

it("spools while Redis is away and replays every event once when it is back", async () => {
  let up = false;
  const crashed = queueSink({ queue, connected: () => up, spool: createSpool(dir, logger), logger });
  const before = Array.from({ length: 10 }, event);
  for (const e of before) crashed.emit(e);
  await crashed.flush();
  // A second process (after a restart) spools more, then replays everything in the directory.
  const sink = queueSink({ queue, connected: () => up, spool: createSpool(dir, logger), logger });
  const after = Array.from({ length: 10 }, event);
  for (const e of after) sink.emit(e);
  await sink.flush();
  const files = await readdir(dir);
  expect(files).toHaveLength(2);
  const lines = (await Promise.all(files.map((f) => readFile(join(dir, f), "utf8")))).join("").split("\n").filter(Boolean);
  expect(lines).toHaveLength(20);
  expect(await sink.replay()).toBe(0); // still down: nothing is touched

  up = true;
  expect(await sink.replay()).toBe(20);
  expect(await readdir(dir)).toEqual([]);
  const queued = (await queuedUsageEvents(queue)).map((e) => e.requestId).sort();
  expect(queued).toEqual([...before, ...after].map((e) => e.requestId).sort());
  expect(await sink.replay()).toBe(0);
});

it("spools an event that an unreachable Redis does not take in time", async () => {
  const dead = createUsageQueue({ host: "127.0.0.1", port: 1, maxRetriesPerRequest: null, enableOfflineQueue: true }, "dead");
  dead.on("error", () => {});
  const spoolDir = join(dir, "dead");
  const sink = queueSink({ queue: dead, connected: () => true, spool: createSpool(spoolDir, logger), logger });
  const e = event();
  sink.emit(e);
  await sink.flush();
  const [file] = await readdir(spoolDir);
  expect(JSON.parse((await readFile(join(spoolDir, file!), "utf8")).trim())).toEqual(e);
  await dead.close().catch(() => {});
}, 15_000);
