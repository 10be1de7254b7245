// Child processes: spawn (optionally pinned to one core with taskset, optionally niced) in their own process group,
// registered with the Cleanup; wait for a line of output or an HTTP 200; stop (SIGTERM, then SIGKILL).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep, type Cleanup } from "./cleanup.ts";

// ─────────────────────────────── reaper ───────────────────────────────

/** What the watchdog undoes should this process die without cleaning up (see reaper-child.ts). */
export type Leftover =
  | { kind: "group"; pid: number }
  | { kind: "dir"; path: string }
  | { kind: "database"; adminUrl: string; name: string }
  | { kind: "redis"; url: string; prefix: string };

let reaper: ChildProcess | undefined;

/**
 * Tells the watchdog about something to undo if we are killed outright (SIGKILL, OOM): it is a
 * detached process reading our lines on a pipe, which the kernel closes however we die.
 */
export function reapIfKilled(leftover: Leftover): void {
  if (!reaper) {
    const script = fileURLToPath(new URL("reaper-child.ts", import.meta.url));
    reaper = spawn(process.execPath, ["--import", "tsx", script], { cwd: dirname(script), detached: true, stdio: ["pipe", "ignore", "ignore"] });
    reaper.unref();
    reaper.on("error", () => undefined);
  }
  reaper.stdin?.write(`${JSON.stringify(leftover)}\n`);
}

/** Everything was cleaned up: the watchdog exits without doing anything. */
export function disarmReaper(): void {
  reaper?.stdin?.end(`${JSON.stringify({ kind: "disarm" })}\n`);
}

// ─────────────────────────────── children ───────────────────────────────

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * The environment children inherit: this process's, minus everything Switchyard reads, so a
 * developer's own settings (another provider's base URL, a DATABASE_URL…) cannot leak in.
 */
export function inheritedEnv(): Record<string, string> {
  const own = new Set(["NODE_ENV", "LOG_LEVEL", "DATABASE_URL", "REDIS_URL", "GATEWAY_PORT", "API_PORT", "WORKER_PORT"]);
  const out: Record<string, string> = {};
  // eslint-disable-next-line no-restricted-properties -- children need PATH, HOME…; this is not configuration of this process
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !own.has(name) && !name.startsWith("SWITCHYARD_")) out[name] = value;
  }
  return out;
}

export interface Child {
  name: string;
  /** The pid of the program itself (taskset, sh `exec` and node replace one another in place). */
  pid: number;
  /** The last 64 KiB of stdout and stderr, interleaved. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Whether the process is gone. */
  readonly gone: boolean;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  /** Pin to this core with taskset; undefined runs unpinned. */
  core: number | undefined;
  /** Run at this nice level (lower priority when positive). */
  nice?: number;
  /** Give the child a stdin pipe (closed when this process dies). */
  stdinPipe?: boolean;
}

const TAIL_BYTES = 64 * 1024;

/** The bootstrap banner prints the API key and admin token: keep them out of what we print. */
function redact(text: string): string {
  return text.replace(/((?:API key|Admin token)[^:\n]*:\s*)\S+/g, "$1[redacted]");
}

export function startChild(cleanup: Cleanup, name: string, command: string, args: string[], options: SpawnOptions): Child {
  const niced: [string, string[]] = options.nice === undefined ? [command, args] : ["nice", ["-n", String(options.nice), command, ...args]];
  const [file, argv]: [string, string[]] = options.core === undefined ? niced : ["taskset", ["-c", String(options.core), niced[0], ...niced[1]]];
  const proc: ChildProcess = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // its own process group: Ctrl-C reaches only us, and we stop the whole group
    stdio: [options.stdinPipe ? "pipe" : "ignore", "pipe", "pipe"],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${name} (${file})`);
  const pid = proc.pid;
  reapIfKilled({ kind: "group", pid });
  let tail = "";
  const append = (chunk: Buffer) => {
    tail += chunk.toString("utf8");
    if (tail.length > TAIL_BYTES * 2) tail = tail.slice(-TAIL_BYTES);
  };
  proc.stdout?.on("data", append);
  proc.stderr?.on("data", append);
  let gone = false;
  const exited = new Promise<number | string>((resolve) => {
    proc.once("exit", (code, signal) => {
      gone = true;
      resolve(code ?? signal ?? "unknown");
    });
    proc.once("error", (error) => {
      gone = true;
      append(Buffer.from(`\n[spawn error] ${error.message}\n`));
      resolve("spawn-error");
    });
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // already gone
    }
  };
  const child: Child = {
    name,
    pid,
    output: () => redact(tail.slice(-TAIL_BYTES)),
    exited,
    get gone() {
      return gone;
    },
    async stop(graceMs = 10_000) {
      if (gone) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup("SIGKILL"); // anything the program itself may have left in its group
    },
  };
  cleanup.add(`stop ${name} (pid ${pid})`, () => child.stop(), () => {
    if (!gone) signalGroup("SIGKILL");
  });
  return child;
}

function failure(child: Child, what: string): Error {
  return new Error(`${what}\n----- ${child.name} output (tail) -----\n${child.output().trimEnd()}\n-----`);
}

/** Waits until the child's output matches; fails if it exits first or the time runs out. */
export async function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (child.gone) throw failure(child, `${child.name} exited (${String(await child.exited)}) before printing ${pattern}`);
    if (Date.now() > deadline) throw failure(child, `${child.name} did not print ${pattern} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Polls `url` until it answers 200; fails if the child exits first or the time runs out. */
export async function waitForHttp200(child: Child, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    if (child.gone) throw failure(child, `${child.name} exited (${String(await child.exited)}) before ${url} answered 200 (last: ${last})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 200) return;
      last = `${response.status} ${body.slice(0, 200)}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw failure(child, `${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
    await sleep(200);
  }
}
