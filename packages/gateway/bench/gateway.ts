// `pnpm bench:gateway [-- --quick] [--all-in-one] [--no-pin] [--gateway-cpu-prof DIR]
//                      [--gateway-node-arg FLAG]… [--gateway-node-options OPTIONS]
//                      [--gateway-node-flags FLAGS]
//                      [--pg-admin-url URL] [--redis-url URL]`
//
// Load-tests the gateway and, in the same run, the mock upstream directly, and prints figures
// (no assertions): throughput at saturation, added latency at a fixed rate, added time to first
// byte for streams, and the gateway's resident memory, each against a target. The gateway role runs
// alone in its process (`start --role gateway`; the api role in a second process), so its CPU and
// memory are its own; the worker starts after the measurements and drains (bills) every usage event
// the run queued. --all-in-one measures the embedded default instead. Everything listens
// on 127.0.0.1; the run is bounded (about two minutes, ~40 s with --quick) and removes its
// processes, temp dir, PostgreSQL database and Redis keys however it ends (Ctrl-C included).
import { cpus } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Cleanup, cleanupOnSignals, sleep } from "./cleanup.ts";
import { chatBody, fixedRate, saturate, stopLoad, type Target } from "./load.ts";
import { disarmReaper } from "./processes.ts";
import { affinity, cpuWindow, memory, pin, pinningSupport } from "./procfs.ts";
import { printReport, type BenchResults, type Ingest, type MemoryPoint, type Measured, type Pair } from "./report.ts";
import { preflight, startSystem, type System } from "./setup.ts";
import { usageBacklog, usageEventTotals } from "./stores.ts";
import type { Child } from "./processes.ts";

/** The README's recommended heap setting for a gateway process: old space capped at 96 MB. */
const GATEWAY_NODE_OPTIONS = "--max-old-space-size=96";
/**
 * The README's recommended node flags for a gateway on one core: V8 collects garbage on the main
 * thread only, in small incremental steps, instead of in helper threads that would preempt the
 * requests on that core (their mark-compact steps stalled the event loop for 15–25 ms).
 */
const GATEWAY_NODE_FLAGS = "--single-threaded-gc";

const { values: args } = parseArgs({
  options: {
    /** ~40 s instead of ~2 min: 3 s runs, 1 s warm-ups. */
    quick: { type: "boolean", default: false },
    /** Measure the embedded default (all roles in one process) instead of `start --role gateway` alone. */
    "all-in-one": { type: "boolean", default: false },
    "no-pin": { type: "boolean", default: false },
    /** Diagnostics: write the gateway's V8 CPU profile (node --cpu-prof) into this directory. */
    "gateway-cpu-prof": { type: "string" },
    /** Diagnostics: any node flag for the gateway process (repeatable), e.g. --trace-gc; added to --gateway-node-flags. */
    "gateway-node-arg": { type: "string", multiple: true, default: [] },
    /** SWITCHYARD_NODE_FLAGS of the gateway process: by default the flags the README recommends for a gateway on one core; "" for none. */
    "gateway-node-flags": { type: "string", default: GATEWAY_NODE_FLAGS },
    /**
     * NODE_OPTIONS of the gateway process: by default the heap settings the README recommends for
     * a gateway under a memory budget; "" runs it with V8's defaults.
     */
    "gateway-node-options": { type: "string", default: GATEWAY_NODE_OPTIONS },
    /** Diagnostics: print the tail of everything the gateway process wrote, not only its log lines. */
    "show-gateway-output": { type: "boolean", default: false },
    "pg-admin-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    "redis-url": { type: "string", default: "redis://127.0.0.1:6379" },
  },
});

const SETTINGS = args.quick
  ? { saturationS: 3, fixedS: 3, warmupS: 1, connections: 64, latencyRate: 500, ttfbRate: 200, fixedConnections: 32 }
  : { saturationS: 10, fixedS: 10, warmupS: 2, connections: 64, latencyRate: 500, ttfbRate: 200, fixedConnections: 32 };
const CREDITS = 1_000_000;
/** The gateway alone on core 0; the load generator on core 1; the mock beside the load generator, or alone on core 0 when measured directly. */
const CORES = { gateway: 0, loadGenerator: 1, mockBesideLoad: 1, mockAlone: 0, apiWorker: 1 } as const;
/** The api role (and, after the measurements, the worker) at low priority: they do not take the load generator's core. */
const API_WORKER_NICE = 19;
/** How long the worker may take to drain the usage events queued during the run. */
const DRAIN_TIMEOUT_MS = 180_000;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const startedAt = Date.now();
const log = (message: string) => process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);

const cleanup = new Cleanup();
// Runs last: everything the watchdog would reap is gone by then.
cleanup.add("disarm the watchdog", disarmReaper);
let interrupted = false;
cleanupOnSignals(
  cleanup,
  (signal) => {
    interrupted = true;
    log(`${signal}: stopping the load and cleaning up…`);
    stopLoad();
  },
  () => log("cleaned up after the interruption"),
);

// A bug of ours must not leave the database, Redis keys or children behind either.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(`\nbenchmark crashed (${event}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    void cleanup.run().finally(() => process.exit(1));
  });
}

const mb = (kb: number) => kb / 1024;

async function main(): Promise<void> {
  const pinning = args["no-pin"] ? ({ ok: false, reason: "--no-pin was given" } as const) : pinningSupport();
  const pinned = pinning.ok;
  if (pinned) pin(process.pid, CORES.loadGenerator);
  else log(`NOT PINNED: ${pinning.reason}; every process runs unpinned, so the figures are less comparable.`);

  const gatewayNodeFlags = [...args["gateway-node-flags"].split(" ").filter(Boolean), ...args["gateway-node-arg"]];
  if (args["gateway-cpu-prof"] !== undefined) gatewayNodeFlags.push("--cpu-prof", `--cpu-prof-dir=${resolve(args["gateway-cpu-prof"])}`);
  const system = await startSystem(cleanup, {
    repoRoot,
    pgAdminUrl: args["pg-admin-url"],
    redisUrl: args["redis-url"],
    cores: pinned ? { gateway: CORES.gateway, mock: CORES.mockBesideLoad, apiWorker: CORES.apiWorker } : undefined,
    splitRoles: !args["all-in-one"],
    apiWorkerNice: API_WORKER_NICE,
    gatewayNodeFlags,
    gatewayNodeOptions: args["gateway-node-options"],
    credits: CREDITS,
    log,
  });
  const { mock, gateway, mockTarget, gatewayTarget } = system;
  const memoryTimeline: MemoryPoint[] = [];
  const remember = (after: string) => {
    const m = memory(gateway.pid);
    memoryTimeline.push({ after, rssMb: mb(m.rssKb), anonMb: mb(m.anonKb), fileMb: mb(m.fileKb) });
  };
  remember("startup (ready, before any request)");
  await preflight([mockTarget, gatewayTarget], log);

  const ours = { gateway: gateway.pid, mock: mock.pid, "load generator": process.pid, "reference proxy": system.reference.pid, ...(system.api ? { api: system.api.pid } : {}) };
  const measure = async <T>(fn: () => Promise<T>): Promise<Measured<T>> => {
    const done = cpuWindow(ours);
    const result = await fn();
    return { result, cpu: done() };
  };
  // While the mock is measured alone it gets the gateway's core (the idle gateway stays there);
  // while the gateway is measured, the mock moves beside the load generator.
  const pair = async <T>(what: string, run: (target: Target) => Promise<T>): Promise<Pair<T>> => {
    log(`${what}: mock direct…`);
    if (pinned) pin(mock.pid, CORES.mockAlone);
    const mockResult = await measure(() => run(mockTarget));
    log(`${what}: via gateway…`);
    if (pinned) pin(mock.pid, CORES.mockBesideLoad);
    const gatewayResult = await measure(() => run(gatewayTarget));
    remember(what);
    return { mock: mockResult, gateway: gatewayResult };
  };

  const sat = { durationS: SETTINGS.saturationS, warmupS: SETTINGS.warmupS, connections: SETTINGS.connections };
  const latency = { rate: SETTINGS.latencyRate, durationS: SETTINGS.fixedS, warmupS: SETTINGS.warmupS, connections: SETTINGS.fixedConnections };
  const ttfb = { rate: SETTINGS.ttfbRate, durationS: SETTINGS.fixedS, warmupS: SETTINGS.warmupS, connections: SETTINGS.fixedConnections };
  // The reference proxy takes the gateway's core (the idle gateway stays there), the mock beside the load generator.
  const reference = async (what: string, stream: boolean) => {
    log(`${what}: via the reference pass-through proxy…`);
    if (pinned) pin(mock.pid, CORES.mockBesideLoad);
    return measure(() => saturate(system.referenceTarget, chatBody(stream), sat));
  };
  const jsonSat = await pair(`saturation, non-streaming (${sat.connections} connections, ${sat.durationS} s)`, (t) => saturate(t, chatBody(false), sat));
  const jsonRef = await reference("saturation, non-streaming", false);
  const streamSat = await pair(`saturation, streaming (${sat.connections} connections, ${sat.durationS} s)`, (t) => saturate(t, chatBody(true), sat));
  const streamRef = await reference("saturation, streaming", true);
  const fixed = await pair(`fixed ${latency.rate} req/s, non-streaming (${latency.durationS} s)`, (t) => fixedRate(t, chatBody(false), latency));
  const streams = await pair(`fixed ${ttfb.rate} req/s, streaming (${ttfb.durationS} s)`, (t) => fixedRate(t, chatBody(true), ttfb));
  const end = memory(gateway.pid);
  const ingest = system.startWorker ? await drainUsage(system.startWorker, system) : undefined;

  const measured = system.api ? "the gateway role alone (start --role gateway; the api role runs in a second process, the worker in a third after the measurements)" : "all roles in one process (gateway + api + worker)";
  const results: BenchResults = {
    meta: {
      startedAt: new Date(startedAt).toISOString(),
      node: process.version,
      cpus: cpus().length,
      placement: pinned
        ? [
            `gateway: core ${CORES.gateway} (allowed: ${affinity(gateway.pid)})`,
            `load generator (this process: autocannon and the undici generator): core ${CORES.loadGenerator} (allowed: ${affinity("self")})`,
            `mock upstream: core ${CORES.mockAlone} while measured directly (the idle gateway stays there), core ${CORES.mockBesideLoad} beside the load generator while the gateway is measured`,
            ...(system.api
              ? [
                  `api process: core ${CORES.apiWorker} at nice ${API_WORKER_NICE}`,
                  `worker process: started after the measurements, core ${CORES.apiWorker} at nice ${API_WORKER_NICE}: it drains the usage events the gateway queued (so PostgreSQL's ingest work does not share the gateway's core during the runs, as on a deployment where the worker and the database have machines of their own)`,
                ]
              : []),
            "Redis and PostgreSQL: unpinned (system services)",
          ]
        : [`NOT PINNED (${pinning.reason}): every process shares all ${cpus().length} CPUs`],
      setup: [
        `gateway: ${system.gatewayCommand}: ${measured}, NODE_ENV=production`,
        "LOG_LEVEL=warn for Switchyard: per-request info logs are off because they would distort the measurement",
        `PostgreSQL database ${system.databaseName} and Redis prefix ${system.redisPrefix} (both removed at the end); organization credited ${CREDITS}: the hybrid project pays from credits with the house key`,
        "mock upstream: its own process (bench/mock-child.ts → startMockUpstream from @switchyard/testing, --no-auth --chunk-delay-ms 0)",
        `reference: a bare pass-through proxy (bench/reference-proxy-child.ts: node:http + an undici keep-alive Pool, no auth, validation, metering or usage events) in front of the same mock${pinned ? `, on core ${CORES.gateway} while it is measured (the mock beside the load generator)` : ""}`,
        'requests: POST /v1/chat/completions {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hello, benchmark"}]}, "stream":true added for streams (the gateway adds stream_options.include_usage upstream, so via the gateway the mock also sends a usage chunk)',
        `saturation: autocannon, ${sat.connections} connections, pipelining 1, ${sat.warmupS} s warm-up + ${sat.durationS} s; req/s = 2xx responses per second (a stream counts once complete)`,
        `fixed rate: open-loop generator (undici Pool, ${SETTINGS.fixedConnections} keep-alive connections, process.hrtime.bigint), ${SETTINGS.warmupS} s warm-up + ${SETTINGS.fixedS} s, exact percentiles over every sample; latency = send → last body byte, TTFB = send → first body chunk`,
        'CPU: % of one core per process from /proc/<pid>/stat over each run (warm-up included); "others" = every other process on the machine, which skews the figures when high',
      ],
      settings: SETTINGS,
    },
    saturation: { json: jsonSat, stream: streamSat },
    reference: { json: jsonRef, stream: streamRef },
    latency: fixed,
    ttfb: streams,
    ...(ingest ? { ingest } : {}),
    gatewayMemory: { rssMb: mb(end.rssKb), peakRssMb: mb(end.peakRssKb), anonMb: mb(end.anonKb), fileMb: mb(end.fileKb), measured, timeline: memoryTimeline },
  };
  printReport(results, (text) => process.stdout.write(`${text}\n`));
  if (args["show-gateway-output"]) log(`gateway output, tail:\n${gateway.output().trim().slice(-20_000)}`);
  for (const child of [gateway, system.api]) {
    const logs = child
      ?.output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .join("\n")
      .trim();
    if (child && logs) log(`${child.name} log lines (warn and above) during the run, tail:\n${logs.slice(-3_000)}`);
  }
}

/** Starts the worker and waits until the usage queue is empty and the events stop growing. */
async function drainUsage(startWorker: () => Promise<Child>, system: System): Promise<Ingest> {
  const before = await usageEventTotals(system.databaseUrl);
  const backlog = await usageBacklog(args["redis-url"], system.redisPrefix);
  log(`usage events: ${before.events} ingested during the run, ${backlog} queued jobs; starting the worker to drain them…`);
  const started = Date.now();
  await startWorker();
  let last = before.events;
  for (;;) {
    await sleep(500);
    const [left, now] = await Promise.all([usageBacklog(args["redis-url"], system.redisPrefix), usageEventTotals(system.databaseUrl)]);
    const settled = left === 0 && now.events === last;
    last = now.events;
    if (settled || Date.now() - started > DRAIN_TIMEOUT_MS) {
      return { queuedJobs: backlog, events: now.events, billed: now.billed, drained: left === 0, seconds: (Date.now() - started) / 1000 };
    }
  }
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  if (!interrupted) process.stderr.write(`\nbenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
} finally {
  if (!interrupted) {
    log("cleaning up…");
    await cleanup.run();
    log("done");
    process.exit(failed ? 1 : 0);
  }
}
