// `pnpm bench:realtime [-- --sessions 100] [--round-trips 40] [--idle-sessions 500]`
//
// The realtime relay's cost, printed (no assertions): the round-trip time of a client event and
// its answer (session.update → session.updated) at N concurrent sessions, through the gateway and
// against the mock directly in the same run, and so the latency the gateway adds (p50, p99); then
// the gateway process's memory per open session (RSS, heap and external deltas between no
// session and --idle-sessions idle ones, each after a full GC). The mock and the gateway each run in their own process (realtime-child.ts).
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { WebSocket, type RawData } from "ws";
import { summarize, type Summary } from "./stats.ts";

const { values: args } = parseArgs({ options: { sessions: { type: "string", default: "100" }, "round-trips": { type: "string", default: "40" }, "idle-sessions": { type: "string", default: "500" } } });
const SESSIONS = Number(args.sessions);
const ROUND_TRIPS = Number(args["round-trips"]);
/** More sessions for the memory figure than for latency: the per-session cost must stand out of the GC noise. */
const IDLE_SESSIONS = Number(args["idle-sessions"]);
const child = fileURLToPath(new URL("./realtime-child.ts", import.meta.url));
const children: ChildProcess[] = [];

function start(argv: string[]): Promise<{ process: ChildProcess; url: string; key?: string }> {
  const proc = fork(child, argv, { execArgv: ["--import", "tsx", "--expose-gc"], stdio: ["ignore", "ignore", "inherit", "ipc"] });
  children.push(proc);
  return new Promise((resolve, reject) => {
    proc.once("message", (m) => resolve({ process: proc, ...(m as { url: string; key?: string }) }));
    proc.once("exit", (code) => reject(new Error(`${argv[0]} exited (${code})`)));
  });
}

interface Probe {
  memory: NodeJS.MemoryUsage;
  connections: number;
}

function probe(proc: ChildProcess): Promise<Probe> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (!(m as Partial<Probe>).memory) return;
      proc.off("message", onMessage);
      resolve(m as Probe);
    };
    proc.on("message", onMessage);
    proc.send("memory");
  });
}

/** The gateway's memory once it holds exactly `sessions` sessions (closed ones fully gone). */
async function memoryAt(proc: ChildProcess, sessions: number): Promise<NodeJS.MemoryUsage> {
  for (;;) {
    const p = await probe(proc);
    if (p.connections === sessions) return p.memory;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a session and waits for session.created; answers are matched to requests by the order they come in. */
function open(url: string, headers: Record<string, string>): Promise<{ ws: WebSocket; nextAnswer(): Promise<void> }> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  const waiting: Array<() => void> = [];
  let created!: () => void;
  const ready = new Promise<void>((resolve) => (created = resolve));
  ws.on("message", (data: RawData) => {
    const text = (data as Buffer).toString("utf8");
    if (text.includes('"session.created"')) return created();
    if (text.includes('"session.updated"')) waiting.shift()?.();
  });
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    void ready.then(() => resolve({ ws, nextAnswer: () => new Promise((done) => waiting.push(done)) }));
  });
}

async function roundTrips(url: string, headers: Record<string, string>): Promise<Summary> {
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => open(url, headers)));
  const samples = new Float64Array(SESSIONS * ROUND_TRIPS);
  let n = 0;
  const update = JSON.stringify({ type: "session.update", session: { type: "realtime", instructions: "Benchmark: answer briefly." } });
  await Promise.all(
    sessions.map(async (s) => {
      for (let i = 0; i < ROUND_TRIPS; i++) {
        const started = performance.now();
        const answered = s.nextAnswer();
        s.ws.send(update);
        await answered;
        samples[n++] = performance.now() - started;
      }
    }),
  );
  await Promise.all(sessions.map((s) => new Promise<void>((resolve) => (s.ws.once("close", () => resolve()), s.ws.close()))));
  return summarize(samples.subarray(0, n));
}

const ms = (v: number) => `${v.toFixed(2)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const mock = await start(["mock"]);
  const gateway = await start(["gateway", mock.url]);
  const direct = `${mock.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`;
  const relayed = `${gateway.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`;
  const directHeaders = { authorization: "Bearer bench-key" };
  const gatewayHeaders = { authorization: `Bearer ${gateway.key}` };

  // Warm-up (JIT, key caches), then the measured runs: mock directly, then through the gateway.
  await roundTrips(relayed, gatewayHeaders);
  await roundTrips(direct, directHeaders);
  const viaMock = await roundTrips(direct, directHeaders);
  const viaGateway = await roundTrips(relayed, gatewayHeaders);

  const before = await memoryAt(gateway.process, 0);
  const idle = await Promise.all(Array.from({ length: IDLE_SESSIONS }, () => open(relayed, gatewayHeaders)));
  const during = await memoryAt(gateway.process, IDLE_SESSIONS);
  await Promise.all(idle.map((s) => new Promise<void>((resolve) => (s.ws.once("close", () => resolve()), s.ws.close()))));

  const line = (name: string, s: Summary) => `  ${name.padEnd(22)} p50 ${ms(s.p50).padStart(10)}   p99 ${ms(s.p99).padStart(10)}   max ${ms(s.max).padStart(10)}   (${s.count} round trips)`;
  process.stdout.write(
    [
      `Realtime relay, ${SESSIONS} concurrent sessions × ${ROUND_TRIPS} round trips (session.update → session.updated)`,
      line("mock directly", viaMock),
      line("through the gateway", viaGateway),
      `  added by the gateway   p50 ${ms(viaGateway.p50 - viaMock.p50).padStart(10)}   p99 ${ms(viaGateway.p99 - viaMock.p99).padStart(10)}`,
      `Gateway memory with ${IDLE_SESSIONS} open idle sessions, against none (each after a full GC)`,
      `  RSS       ${mib(before.rss)} → ${mib(during.rss)}: ${kib((during.rss - before.rss) / IDLE_SESSIONS)} per session`,
      `  heap      ${mib(before.heapUsed)} → ${mib(during.heapUsed)}: ${kib((during.heapUsed - before.heapUsed) / IDLE_SESSIONS)} per session`,
      `  external  ${mib(before.external)} → ${mib(during.external)}: ${kib((during.external - before.external) / IDLE_SESSIONS)} per session`,
      "",
    ].join("\n"),
  );
}

try {
  await main();
} finally {
  for (const proc of children) proc.kill("SIGTERM");
}
