// `pnpm bench:realtime [-- --sessions 100] [--round-trips 40] [--responses 40] [--idle-sessions 500]`
//
// The realtime relay's cost, printed (no assertions): the round-trip time of a client event and
// its answer (session.update → session.updated) at N concurrent sessions, through the gateway and
// against the mock directly in the same run, and so the latency the gateway adds (p50, p99); the
// same for a running text response (response.create → the first response.output_text.delta, and →
// response.done: the frames the relay reads and rewrites for billing), one at a time per session,
// the mock's default reply (5 text deltas, no pause between events); then the gateway process's memory per open session (RSS, heap and external deltas between no
// session and --idle-sessions idle ones, each after a full GC). The mock and the gateway each run in their own process (realtime-child.ts).
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { WebSocket, type RawData } from "ws";
import { summarize, type Summary } from "./stats.ts";

const { values: args } = parseArgs({
  // `pnpm bench:realtime -- --flag` passes the "--" on: drop it, or every flag after it is positional.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === "--")),
  options: { sessions: { type: "string", default: "100" }, "round-trips": { type: "string", default: "40" }, responses: { type: "string", default: "40" }, "idle-sessions": { type: "string", default: "500" } } });
const SESSIONS = Number(args.sessions);
const ROUND_TRIPS = Number(args["round-trips"]);
const RESPONSES = Number(args.responses);
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

/** The server events the benchmark waits for (found by a substring test, no JSON parsing in the load generator). */
const AWAITED = ["session.updated", "response.output_text.delta", "response.done"] as const;
type AwaitedEvent = (typeof AWAITED)[number];

interface Session {
  ws: WebSocket;
  /** The next event of this type (one waiter per event: later ones of the type go unheeded until the next call). */
  next(type: AwaitedEvent): Promise<void>;
}

/** Opens a session and waits for session.created; events are matched to waiters by type and the order they come in; an error event fails the run. */
function open(url: string, headers: Record<string, string>): Promise<Session> {
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  const waiting = new Map<AwaitedEvent, Array<() => void>>(AWAITED.map((type) => [type, []]));
  let created!: () => void;
  const ready = new Promise<void>((resolve) => (created = resolve));
  ws.on("message", (data: RawData) => {
    const text = (data as Buffer).toString("utf8");
    if (text.includes('"session.created"')) return created();
    if (text.includes('"type":"error"')) throw new Error(`error event: ${text}`);
    const type = AWAITED.find((t) => text.includes(`"${t}"`));
    if (type) waiting.get(type)!.shift()?.();
  });
  return new Promise((resolve, reject) => {
    ws.once("error", reject);
    void ready.then(() => resolve({ ws, next: (type) => new Promise((done) => waiting.get(type)!.push(done)) }));
  });
}

/** Opens SESSIONS sessions, runs `load` on each concurrently, and closes them. */
async function withSessions(url: string, headers: Record<string, string>, load: (s: Session) => Promise<void>): Promise<void> {
  const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => open(url, headers)));
  await Promise.all(sessions.map(load));
  await Promise.all(sessions.map((s) => new Promise<void>((resolve) => (s.ws.once("close", () => resolve()), s.ws.close()))));
}

async function roundTrips(url: string, headers: Record<string, string>): Promise<Summary> {
  const samples = new Float64Array(SESSIONS * ROUND_TRIPS);
  let n = 0;
  const update = JSON.stringify({ type: "session.update", session: { type: "realtime", instructions: "Benchmark: answer briefly." } });
  await withSessions(url, headers, async (s) => {
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const started = performance.now();
      const answered = s.next("session.updated");
      s.ws.send(update);
      await answered;
      samples[n++] = performance.now() - started;
    }
  });
  return summarize(samples.subarray(0, n));
}

/** RESPONSES text responses per session, one after the other: the times from response.create to the first text delta and to response.done. */
async function responses(url: string, headers: Record<string, string>): Promise<{ firstDelta: Summary; done: Summary }> {
  const firstDelta = new Float64Array(SESSIONS * RESPONSES);
  const done = new Float64Array(SESSIONS * RESPONSES);
  let n = 0;
  const create = JSON.stringify({ type: "response.create", response: { output_modalities: ["text"] } });
  await withSessions(url, headers, async (s) => {
    for (let i = 0; i < RESPONSES; i++) {
      const started = performance.now();
      let deltaAt = NaN;
      const delta = s.next("response.output_text.delta").then(() => (deltaAt = performance.now()));
      const finished = s.next("response.done");
      s.ws.send(create);
      await Promise.all([delta, finished]);
      firstDelta[n] = deltaAt - started;
      done[n++] = performance.now() - started;
    }
  });
  return { firstDelta: summarize(firstDelta.subarray(0, n)), done: summarize(done.subarray(0, n)) };
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
  await responses(relayed, gatewayHeaders);
  await responses(direct, directHeaders);
  const responsesViaMock = await responses(direct, directHeaders);
  const responsesViaGateway = await responses(relayed, gatewayHeaders);

  const before = await memoryAt(gateway.process, 0);
  const idle = await Promise.all(Array.from({ length: IDLE_SESSIONS }, () => open(relayed, gatewayHeaders)));
  const during = await memoryAt(gateway.process, IDLE_SESSIONS);
  await Promise.all(idle.map((s) => new Promise<void>((resolve) => (s.ws.once("close", () => resolve()), s.ws.close()))));

  const line = (name: string, s: Summary, unit: string) => `  ${name.padEnd(22)} p50 ${ms(s.p50).padStart(10)}   p99 ${ms(s.p99).padStart(10)}   max ${ms(s.max).padStart(10)}   (${s.count} ${unit})`;
  /** Mock directly, through the gateway, and the difference. */
  const compare = (mock: Summary, gateway: Summary, unit: string) => [
    line("mock directly", mock, unit),
    line("through the gateway", gateway, unit),
    `  added by the gateway   p50 ${ms(gateway.p50 - mock.p50).padStart(10)}   p99 ${ms(gateway.p99 - mock.p99).padStart(10)}`,
  ];
  process.stdout.write(
    [
      `Realtime relay, ${SESSIONS} concurrent sessions × ${ROUND_TRIPS} round trips (session.update → session.updated)`,
      ...compare(viaMock, viaGateway, "round trips"),
      `Realtime relay, ${SESSIONS} concurrent sessions × ${RESPONSES} text responses, one at a time (response.create → first response.output_text.delta)`,
      ...compare(responsesViaMock.firstDelta, responsesViaGateway.firstDelta, "responses"),
      `  … → response.done`,
      ...compare(responsesViaMock.done, responsesViaGateway.done, "responses"),
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
