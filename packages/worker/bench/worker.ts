// `pnpm bench:worker [-- --no-pin] [--events N] [--events-per-job N] [--pg-admin-url URL] [--redis-url URL] [--worker-cpu-prof DIR]`
//
// Measures the usage ingest worker (one process, production settings: the worker's defaults) against a
// fresh PostgreSQL database and Redis prefix, and prints figures (no assertions):
//   throughput  N events pre-enqueued, then the worker started: events billed per second, from
//               its "ready" line until `count(*) FROM "UsageEvent"` reaches N (polled every 100 ms);
//   lag         500 events/s enqueued for 20 s into an empty queue (each 100 ms tick's events as
//               batch jobs, as gateways queue them, or one job per event): per event, the time
//               from the enqueue call to its "ingestedAt" (stamped in the transaction that also
//               updates the hourly rollup) and to the first 50 ms poll that saw the committed row;
//   memory      the worker's resident set at the end; and a ledger check (ledger = billed).
// Jobs carry `--events-per-job` events each (default 50, `usage-batch` jobs as gateways queue
// them; 1 = one `usage` job per event, job id = request id, as older gateways did).
// The worker runs on core 0 and this process (the load) on core 1 when taskset is available.
// Everything is on 127.0.0.1 and everything created (child process, database, Redis keys) is
// removed however the run ends, Ctrl-C included. About 45 s.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { resolve as resolvePath } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { newId } from "@switchyard/core";
import { migrate, openDatabase, Prisma, type Database } from "@switchyard/db";
import { createUsageQueue, enqueueUsage, enqueueUsageBatch, USAGE_BATCH_JOB, USAGE_JOB, usageBatchJobOptions, usageJobOptions, type UsageEventJob } from "@switchyard/queue";

const { values: args } = parseArgs({
  // `pnpm bench:worker -- --flag` passes the "--" on: drop it, or every flag after it is positional.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--")),
  options: {
    "no-pin": { type: "boolean", default: false },
    events: { type: "string", default: "20000" },
    /** Events per queued job: 1 = single-event `usage` jobs (older gateways), more = `usage-batch` jobs. */
    "events-per-job": { type: "string", default: "50" },
    "pg-admin-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    "redis-url": { type: "string", default: "redis://127.0.0.1:6379" },
    /** Diagnostics: write the worker's V8 CPU profile (node --cpu-prof) into this directory. */
    "worker-cpu-prof": { type: "string" },
  },
});

const SETTINGS = {
  throughputEvents: Number(args.events),
  bulkChunk: 1_000,
  eventsPerJob: Number(args["events-per-job"]),
  throughputTimeoutS: 60,
  lagRatePerS: 500,
  lagDurationS: 20,
  lagTickMs: 100,
  lagPollMs: 50,
  lagDrainTimeoutS: 20,
} as const;
const TARGETS = { throughputEventsPerS: 2_000, lagP99Ms: 2_000 } as const;
const CORES = { worker: 0, load: 1 } as const;
const ORG = "org_bench";
/** Before this process pins itself to one core (availableParallelism follows the affinity). */
const CPUS = availableParallelism();

/** The jobs a producer queues for these events: one per event, or batches of `eventsPerJob`. */
function jobsOf(events: UsageEventJob[]) {
  if (SETTINGS.eventsPerJob === 1) return events.map((e) => ({ name: USAGE_JOB, data: e, opts: { ...usageJobOptions, jobId: e.requestId } }));
  const jobs = [];
  for (let i = 0; i < events.length; i += SETTINGS.eventsPerJob) jobs.push({ name: USAGE_BATCH_JOB, data: { events: events.slice(i, i + SETTINGS.eventsPerJob) }, opts: usageBatchJobOptions });
  return jobs;
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const childScript = fileURLToPath(new URL("worker-child.ts", import.meta.url));
const startedAt = Date.now();
const log = (message: string) => process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);

// ─────────────────────────────── cleanup ───────────────────────────────

const undo: Array<{ name: string; run: () => Promise<unknown> | unknown }> = [];
let cleaning: Promise<void> | undefined;
let interrupted = false;
let worker: ChildProcess | undefined;

function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of undo.reverse()) {
      try {
        await withTimeout(Promise.resolve(step.run()), 20_000, step.name);
      } catch (error) {
        process.stderr.write(`cleanup: ${step.name} failed: ${String(error)}\n`);
      }
    }
  })();
  return cleaning;
}

// Last resort (an exception escaped, process.exit elsewhere): never leave the worker running.
process.once("exit", () => {
  if (worker?.pid !== undefined && worker.exitCode === null && worker.signalCode === null) {
    try {
      process.kill(-worker.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log(`${signal}: stopping and cleaning up… (again to exit at once)`);
    void cleanupAll().finally(() => {
      log("cleaned up after the interruption");
      process.exit(130);
    });
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function checkInterrupted(): void {
  if (interrupted) throw new Error("interrupted");
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  checkInterrupted();
}

// ─────────────────────────────── stores ───────────────────────────────

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}
// `pg` is a dependency of @switchyard/db, not of the worker: loaded from there, typed by what we use.
const pg = createRequire(new URL("../../db/package.json", import.meta.url))("pg") as {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
};

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1_000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}

// ─────────────────────────────── processes ───────────────────────────────

function tasksetAvailable(): boolean {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
    return CPUS >= 2;
  } catch {
    return false;
  }
}

/** Starts the worker (own process group, stdin a pipe so it dies with us); resolves on "ready". */
function startWorker(pinned: boolean, databaseUrl: string, redisUrl: string, prefix: string): Promise<{ proc: ChildProcess; readyAt: number; stderr: () => string }> {
  const profile = args["worker-cpu-prof"] === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${resolvePath(args["worker-cpu-prof"])}`];
  const nodeArgs = [...profile, "--import", "tsx", childScript, databaseUrl, redisUrl, prefix];
  const [command, argv] = pinned ? ["taskset", ["-c", String(CORES.worker), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const proc = spawn(command as string, argv as string[], { cwd: repoRoot, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  worker = proc;
  undo.push({ name: "stop the worker", run: () => stopProcess(proc) });
  let errTail = "";
  proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    errTail = (errTail + chunk).slice(-4_000);
  });
  const stderr = () => errTail;
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the worker did not print "ready" within 30 s\n${errTail}`)), 30_000);
    proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (/^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve({ proc, readyAt: performance.now(), stderr });
      }
    });
    proc.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    proc.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited early (${code ?? signal})\n${errTail}`));
    });
  });
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.pid === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      // already gone
    }
  };
  kill("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 6_000))]);
  if (!stopped) {
    kill("SIGKILL");
    await exited;
  }
}

function procStatus(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
}

let clockTicks: number | undefined;
/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / clockTicks;
}

function affinity(pid: number | "self"): string {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

// ─────────────────────────────── events ───────────────────────────────

const MODELS = [
  { providerId: "openai", model: "gpt-4o-mini", cost: { input: "0.0001", cachedInput: "0", output: "0.0000234", reasoning: "0", request: "0", total: "0.0001234" } },
  { providerId: "openai", model: "gpt-4o", cost: { input: "0.000025", cachedInput: "0", output: "0.00005", reasoning: "0", request: "0", total: "0.000075" } },
  { providerId: "anthropic", model: "claude-3-5-haiku", cost: { input: "0.000008", cachedInput: "0", output: "0.00002", reasoning: "0", request: "0", total: "0.000028" } },
] as const;
const PROJECTS = ["prj_1", "prj_2", "prj_3"] as const;
const KEYS = ["key_1", "key_2", "key_3", "key_4"] as const;

let eventCounter = 0;
let billed = new Prisma.Decimal(0);

function makeEvent(): UsageEventJob {
  const i = eventCounter++;
  const m = MODELS[Math.floor(i / 4) % MODELS.length]!;
  billed = billed.plus(m.cost.total);
  return {
    requestId: newId("req"), organizationId: ORG, projectId: PROJECTS[i % PROJECTS.length]!, apiKeyId: KEYS[i % KEYS.length]!,
    providerId: m.providerId, model: m.model, upstreamModel: m.model, endpoint: "chat.completions", keySource: "credits",
    promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false, priced: true,
    cost: { ...m.cost }, markup: "0", amountBilled: m.cost.total, latencyMs: 5, timeToFirstTokenMs: null,
    status: "success", httpStatus: 200, errorCode: null, attempts: 1, createdAt: new Date().toISOString(),
  };
}

// ─────────────────────────────── stats ───────────────────────────────

interface Summary {
  count: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

function summarize(samples: number[]): Summary {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]! : NaN);
  let sum = 0;
  for (const v of sorted) sum += v;
  return { count: sorted.length, min: at(0), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1), mean: sorted.length ? sum / sorted.length : NaN };
}

const round = (n: number, digits = 1) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

// ─────────────────────────────── the run ───────────────────────────────

async function main(): Promise<void> {
  const pgAdminUrl = args["pg-admin-url"]!;
  const redisUrl = args["redis-url"]!;
  for (const url of [pgAdminUrl, redisUrl]) {
    const host = new URL(url).hostname;
    if (host !== "127.0.0.1") throw new Error(`only 127.0.0.1 is used; got ${host} in ${url}`);
  }
  if (!Number.isInteger(SETTINGS.throughputEvents) || SETTINGS.throughputEvents < 1) throw new Error(`--events must be a positive integer`);
  if (!Number.isInteger(SETTINGS.eventsPerJob) || SETTINGS.eventsPerJob < 1) throw new Error(`--events-per-job must be a positive integer`);

  const pinned = !args["no-pin"] && tasksetAvailable();
  if (pinned) execFileSync("taskset", ["-a", "-p", "-c", String(CORES.load), String(process.pid)], { stdio: "ignore" });
  log(pinned ? `pinned: worker on core ${CORES.worker}, load (this process) on core ${CORES.load}` : "not pinned (--no-pin, or taskset / 2 cores unavailable)");

  // PostgreSQL: a fresh database, dropped at the end (WITH (FORCE): whoever is still connected).
  const suffix = randomBytes(5).toString("hex");
  const dbName = `sy_bench_${suffix}`;
  await admin(pgAdminUrl, `CREATE DATABASE "${dbName}"`);
  undo.push({ name: `drop database ${dbName}`, run: () => admin(pgAdminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`) });
  const dbUrl = new URL(pgAdminUrl);
  dbUrl.pathname = `/${dbName}`;
  const databaseUrl = dbUrl.toString();
  const db: Database = await openDatabase({ databaseUrl });
  undo.push({ name: "close the database connections", run: () => db.close() });
  await migrate(db.sql);
  await db.prisma.organization.create({ data: { id: ORG, name: "bench", balance: { create: { balance: new Prisma.Decimal(1_000_000) } } } });
  const query = <T>(sql: string, params?: unknown[]) => db.sql.session((s) => s.query<T>(sql, params));
  log(`database ${dbName} migrated`);

  // Redis: a fresh prefix; the queue obliterated, then any key left under the prefix deleted.
  const prefix = `bench-${suffix}`;
  undo.push({ name: `delete Redis keys ${prefix}:*`, run: () => deleteRedisKeys(redisUrl, prefix) });
  const redis = new URL(redisUrl);
  const queue = createUsageQueue({ host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null }, prefix);
  let queueReady = false;
  undo.push({ name: "obliterate the queue", run: () => (queueReady ? queue.obliterate({ force: true }) : Promise.resolve()).finally(() => queue.close()) });
  await withTimeout(queue.waitUntilReady(), 10_000, `connecting to Redis at ${redisUrl}`);
  queueReady = true;

  // Clock sanity: the database's clock against ours (same machine: ~0 plus half a round trip).
  const t0 = Date.now();
  const [clock] = await query<{ ms: number }>(`SELECT (extract(epoch FROM clock_timestamp()) * 1000)::float8 AS ms`);
  const clockOffsetMs = clock!.ms - (t0 + Date.now()) / 2;

  // ── throughput ──
  const N = SETTINGS.throughputEvents;
  const enqueueStart = performance.now();
  for (let from = 0; from < N; from += SETTINGS.bulkChunk) {
    checkInterrupted();
    const events = Array.from({ length: Math.min(SETTINGS.bulkChunk, N - from) }, makeEvent);
    await queue.addBulk(jobsOf(events));
  }
  const enqueueS = (performance.now() - enqueueStart) / 1000;
  log(`${N} events pre-enqueued in ${enqueueS.toFixed(2)} s; starting the worker`);

  const spawnedAt = performance.now();
  const started = await startWorker(pinned, databaseUrl, redisUrl, prefix);
  const pid = started.proc.pid!;
  const cpuAtReady = cpuSeconds(pid);
  log(`worker ready in ${((started.readyAt - spawnedAt) / 1000).toFixed(2)} s (pid ${pid}, cpus ${affinity(pid)})`);

  let count = 0;
  let doneAt = NaN;
  const samples: Array<{ s: number; count: number }> = [];
  const deadline = started.readyAt + SETTINGS.throughputTimeoutS * 1000;
  while (performance.now() < deadline) {
    const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageEvent"`);
    count = row!.n;
    const now = performance.now();
    samples.push({ s: (now - started.readyAt) / 1000, count });
    if (count >= N) {
      doneAt = now;
      break;
    }
    if (started.proc.exitCode !== null || started.proc.signalCode !== null) throw new Error(`the worker died\n${started.stderr()}`);
    await sleep(100);
  }
  const throughputS = (doneAt - started.readyAt) / 1000;
  const throughput = {
    events: N,
    billed: count,
    seconds: round(throughputS, 3),
    eventsPerS: round(N / throughputS, 0),
    /** Including the worker's process start (node + tsx + connections). */
    eventsPerSWithStartup: round(N / ((doneAt - spawnedAt) / 1000), 0),
    workerStartupS: round((started.readyAt - spawnedAt) / 1000, 2),
    workerCpuS: round(cpuSeconds(pid) - cpuAtReady, 2),
    timedOut: !Number.isFinite(doneAt),
    preEnqueueS: round(enqueueS, 2),
  };
  // The middle 80 % of the run (by events billed), which leaves out warm-up and the tail.
  const at = (fraction: number) => samples.find((p) => p.count >= fraction * N);
  const lo = at(0.1);
  const hi = at(0.9);
  const steadyEventsPerS = lo && hi && hi.s > lo.s ? round((hi.count - lo.count) / (hi.s - lo.s), 0) : null;
  log(Number.isFinite(doneAt) ? `${N} events billed in ${throughputS.toFixed(2)} s` : `timed out: ${count}/${N} billed after ${SETTINGS.throughputTimeoutS} s`);

  // The queue must be empty before the lag phase (jobs complete just after their commit).
  const drainDeadline = Date.now() + 15_000;
  for (;;) {
    const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "paused");
    if (Object.values(c).every((n) => n === 0)) break;
    if (Date.now() > drainDeadline) throw new Error(`the queue did not drain: ${JSON.stringify(c)}`);
    await sleep(50);
  }
  const rssAfterThroughput = procStatus(pid);

  // ── lag ──
  const M = SETTINGS.lagRatePerS * SETTINGS.lagDurationS;
  const perTick = (SETTINGS.lagRatePerS * SETTINGS.lagTickMs) / 1000;
  const ticks = M / perTick;
  const sentAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  let enqueueErrors = 0;
  let maxTickLateMs = 0;
  let producing = true;
  log(`lag: ${SETTINGS.lagRatePerS} events/s for ${SETTINGS.lagDurationS} s (${perTick} every ${SETTINGS.lagTickMs} ms), polled every ${SETTINGS.lagPollMs} ms`);

  // The poller: rows whose ingestedAt is past the newest seen minus 1 s (a batch's ingestedAt is
  // its transaction's start, so rows can commit after later-stamped ones), deduplicated by id.
  const cpuAtLag = cpuSeconds(pid);
  const lagStart = Date.now();
  const poller = (async () => {
    let sinceMs = lagStart - 1_000;
    let lastSentAt = Infinity;
    while (seenAt.size < M) {
      if (!producing && lastSentAt === Infinity) lastSentAt = Date.now();
      if (Date.now() - lastSentAt > SETTINGS.lagDrainTimeoutS * 1000) break;
      const rows = await query<{ id: string; ms: number }>(
        `SELECT "requestId" AS id, (extract(epoch FROM "ingestedAt" AT TIME ZONE current_setting('TimeZone')) * 1000)::float8 AS ms
           FROM "UsageEvent" WHERE "ingestedAt" AT TIME ZONE current_setting('TimeZone') > to_timestamp($1::float8 / 1000)`,
        [sinceMs - 1_000],
      );
      const now = Date.now();
      for (const row of rows) {
        if (sentAt.has(row.id) && !seenAt.has(row.id)) seenAt.set(row.id, now);
        if (row.ms > sinceMs) sinceMs = row.ms;
      }
      await sleep(SETTINGS.lagPollMs);
    }
  })();

  const pending: Array<Promise<void>> = [];
  for (let tick = 0; tick < ticks; tick++) {
    const due = lagStart + tick * SETTINGS.lagTickMs;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    else maxTickLateMs = Math.max(maxTickLateMs, -wait);
    const events = Array.from({ length: perTick }, makeEvent);
    for (const event of events) sentAt.set(event.requestId, Date.now());
    if (SETTINGS.eventsPerJob === 1) for (const event of events) pending.push(enqueueUsage(queue, event).catch(() => void enqueueErrors++));
    else for (let i = 0; i < events.length; i += SETTINGS.eventsPerJob) pending.push(enqueueUsageBatch(queue, events.slice(i, i + SETTINGS.eventsPerJob)).catch(() => void enqueueErrors++));
  }
  await Promise.all(pending);
  producing = false;
  const produceS = (Date.now() - lagStart) / 1000;
  log(`lag: ${M} events enqueued in ${produceS.toFixed(2)} s; waiting for the last ones`);
  await poller;
  const lagCpuS = cpuSeconds(pid) - cpuAtLag;

  const ingested = await query<{ id: string; ms: number }>(
    `SELECT "requestId" AS id, (extract(epoch FROM "ingestedAt" AT TIME ZONE current_setting('TimeZone')) * 1000)::float8 AS ms
       FROM "UsageEvent" WHERE "requestId" = ANY($1::text[])`,
    [[...sentAt.keys()]],
  );
  const lagIngested = ingested.map((r) => r.ms - sentAt.get(r.id)!);
  const lagSeen = [...seenAt].map(([id, at]) => at - sentAt.get(id)!);
  const lagI = summarize(lagIngested);
  const lagV = summarize(lagSeen);
  const lag = {
    events: M,
    enqueueErrors,
    maxTickLateMs: round(maxTickLateMs, 0),
    produceS: round(produceS, 2),
    ingestedMs: Object.fromEntries(Object.entries(lagI).map(([k, v]) => [k, round(v, 1)])),
    firstSeenMs: Object.fromEntries(Object.entries(lagV).map(([k, v]) => [k, round(v, 1)])),
    missing: M - ingested.length,
    workerCpuS: round(lagCpuS, 2),
  };

  // ── end state ──
  const memory = procStatus(pid);
  const counts = await queue.getJobCounts("completed", "failed", "waiting", "active", "delayed");
  const [ledger] = await query<{ total: string | null; entries: number }>(`SELECT (-sum(amount))::text AS total, count(*)::int AS entries FROM "CreditLedgerEntry"`);
  const [events] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageEvent"`);
  const [hourly] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "UsageRollup" WHERE granularity = 'hour'`).catch(() => [{ n: NaN }]);
  const ledgerTotal = new Prisma.Decimal(ledger!.total ?? "0");
  const ledgerOk = ledgerTotal.equals(billed) && ledger!.entries === eventCounter && events!.n === eventCounter;

  const throughputPass = throughput.eventsPerS !== null && throughput.eventsPerS >= TARGETS.throughputEventsPerS && !throughput.timedOut;
  const lagPass = lag.missing === 0 && lagI.p99 < TARGETS.lagP99Ms;
  const seenPass = lagV.count === M && lagV.p99 < TARGETS.lagP99Ms;
  const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
  const rows: string[][] = [
    ["metric", "value", "target", "verdict"],
    ["throughput (events/s, ready → all billed)", String(throughput.eventsPerS ?? "n/a"), `≥ ${TARGETS.throughputEventsPerS}`, throughputPass ? "PASS" : "MISS"],
    ["  steady (10 %–90 % of the events)", String(steadyEventsPerS ?? "n/a"), "", ""],
    ["  incl. worker start-up", String(throughput.eventsPerSWithStartup ?? "n/a"), "", ""],
    [`lag to ingestedAt p50 / p99 / max (ms)`, `${fmt(lagI.p50)} / ${fmt(lagI.p99)} / ${fmt(lagI.max)}`, `p99 < ${TARGETS.lagP99Ms}`, lagPass ? "PASS" : "MISS"],
    [`lag to first seen (50 ms poll) p50 / p99 / max`, `${fmt(lagV.p50)} / ${fmt(lagV.p99)} / ${fmt(lagV.max)}`, `p99 < ${TARGETS.lagP99Ms}`, seenPass ? "PASS" : "MISS"],
    ["worker RSS at end / peak (MB)", `${fmt(memory.rssMb)} / ${fmt(memory.peakRssMb)}`, "", ""],
    ["ledger check", ledgerOk ? "OK" : "MISMATCH", "ledger = billed", ledgerOk ? "OK" : "MISMATCH"],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd();
  const out: string[] = [
    "",
    `Switchyard usage worker benchmark — node ${process.version}, ${CPUS} cpus, ${pinned ? `worker on core ${CORES.worker}, load on core ${CORES.load}` : "unpinned"}`,
    "",
    line(rows[0]!),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
    "",
    `throughput: ${N} events pre-enqueued (${SETTINGS.eventsPerJob} per job, addBulk × ${SETTINGS.bulkChunk} events, ${throughput.preEnqueueS} s); billed in ${throughput.seconds} s after "ready" ` +
      `(worker start-up ${throughput.workerStartupS} s); worker CPU ${throughput.workerCpuS} s (${fmt(((throughput.workerCpuS ?? NaN) / N) * 1e6, 0)} µs/event)`,
    `lag: ${M} events at ${SETTINGS.lagRatePerS}/s (${lag.produceS} s, max tick late ${lag.maxTickLateMs} ms, enqueue errors ${enqueueErrors}); ` +
      `ingested ${ingested.length}/${M}, seen by poll ${lagV.count}/${M}; worker CPU ${lag.workerCpuS} s (${fmt(((lag.workerCpuS ?? NaN) / (SETTINGS.lagDurationS)) * 100, 0)} % of a core)`,
    `  ingestedAt = the billing transaction's start (same transaction as the rollup upsert); first seen = first poll that saw the committed row (≤ ${SETTINGS.lagPollMs} ms + query late)`,
    `  to ingestedAt  (ms): min ${fmt(lagI.min)}  p50 ${fmt(lagI.p50)}  p90 ${fmt(lagI.p90)}  p99 ${fmt(lagI.p99)}  max ${fmt(lagI.max)}  mean ${fmt(lagI.mean)}`,
    `  to first seen  (ms): min ${fmt(lagV.min)}  p50 ${fmt(lagV.p50)}  p90 ${fmt(lagV.p90)}  p99 ${fmt(lagV.p99)}  max ${fmt(lagV.max)}  mean ${fmt(lagV.mean)}`,
    `  database clock − ours: ${fmt(clockOffsetMs, 2)} ms (not corrected for)`,
    `memory: worker RSS ${fmt(rssAfterThroughput.rssMb)} MB after throughput, ${fmt(memory.rssMb)} MB at end (peak ${fmt(memory.peakRssMb)} MB)`,
    `end state: ${events!.n} usage events, ${ledger!.entries} ledger entries, ${hourly!.n} hourly rollup rows; jobs ${JSON.stringify(counts)}`,
    `ledger check: ${ledgerOk ? "OK" : "MISMATCH"} (ledger ${ledgerTotal.toString()} vs billed ${billed.toString()})`,
    "",
    "JSON:",
    JSON.stringify({
      bench: "switchyard-worker",
      startedAt: new Date(startedAt).toISOString(),
      node: process.version,
      cpus: CPUS,
      pinned,
      targets: TARGETS,
      settings: SETTINGS,
      verdicts: { throughput: throughputPass ? "PASS" : "MISS", lagP99: lagPass ? "PASS" : "MISS", lagFirstSeenP99: seenPass ? "PASS" : "MISS", ledger: ledgerOk ? "OK" : "MISMATCH" },
      throughput: { ...throughput, steadyEventsPerS },
      lag,
      workerMemory: { rssMb: round(memory.rssMb), peakRssMb: round(memory.peakRssMb), rssAfterThroughputMb: round(rssAfterThroughput.rssMb) },
      endState: { usageEvents: events!.n, ledgerEntries: ledger!.entries, hourlyRollupRows: hourly!.n, jobs: counts },
      ledger: { ok: ledgerOk, ledger: ledgerTotal.toString(), billed: billed.toString() },
      clockOffsetMs: round(clockOffsetMs, 2),
    }),
    "",
  ];
  process.stdout.write(out.join("\n"));
}

main()
  .catch((error: unknown) => {
    if (interrupted) return;
    process.exitCode = 1;
    process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  })
  .then(async () => {
    if (interrupted) return; // the signal handler cleans up and exits
    log("cleaning up…");
    await cleanupAll();
    log("done");
    process.exit();
  });
