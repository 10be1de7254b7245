// The load generators. Saturation: autocannon, closed loop (N connections, one request each in
// flight). Fixed rate: an open-loop generator of our own on an undici keep-alive Pool, timing each
// request with process.hrtime.bigint() from the moment it is handed to undici, to the first body
// chunk (time to first byte) and to the end of the body (latency), in microseconds.
import autocannon from "autocannon";
import { Pool } from "undici";
import { summarize, type Summary } from "./stats.ts";

export interface Target {
  label: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  path: string;
  headers: Record<string, string>;
}

export function chatBody(stream: boolean): string {
  return JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello, benchmark" }], ...(stream ? { stream: true } : {}) });
}

let stopCurrent: (() => void) | undefined;
let aborted = false;

/** Stops whichever load is running and refuses to start another (on Ctrl-C). */
export function stopLoad(): void {
  aborted = true;
  stopCurrent?.();
}

function checkAborted(): void {
  if (aborted) throw new Error("interrupted");
}

// ─────────────────────────────── saturation ───────────────────────────────

export interface SaturationResult {
  /** Successful (2xx) responses per second. */
  rps: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  /** autocannon's latency (ms, coarse). */
  latencyMeanMs: number;
  latencyP99Ms: number;
  statusCodes: Record<string, number>;
}

async function autocannonRun(target: Target, body: string, connections: number, durationS: number) {
  checkAborted();
  const instance = autocannon({
    url: `${target.origin}${target.path}`,
    method: "POST",
    headers: target.headers,
    body,
    connections,
    pipelining: 1,
    duration: durationS,
    timeout: 10,
  });
  stopCurrent = () => instance.stop();
  try {
    return await instance;
  } finally {
    stopCurrent = undefined;
  }
}

/** Closed loop: `connections` connections each with one request in flight, after a warm-up run of the same. */
export async function saturate(target: Target, body: string, options: { durationS: number; warmupS: number; connections: number }): Promise<SaturationResult> {
  if (options.warmupS > 0) await autocannonRun(target, body, options.connections, options.warmupS);
  const result = await autocannonRun(target, body, options.connections, options.durationS);
  checkAborted();
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
  return {
    rps: result["2xx"] / result.duration,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    latencyMeanMs: result.latency.mean,
    latencyP99Ms: result.latency.p99,
    statusCodes,
  };
}

// ─────────────────────────────── fixed rate ───────────────────────────────

export interface FixedRateResult {
  rate: number;
  sent: number;
  ok: number;
  failed: number;
  statusCodes: Record<string, number>;
  /** The first few failures (status and body, or the error), to explain them. */
  failures: string[];
  /** Completed requests per second over the whole phase. */
  achievedRate: number;
  /** Send to last body byte, µs (successful requests). */
  latencyUs: Summary;
  /** Send to first body chunk, µs (successful requests). */
  ttfbUs: Summary;
  /** How late each request was sent compared with its slot, µs (timer granularity). */
  sendLagUs: Summary;
  /** The slowest requests (by latency): when they were sent (s into the run) and their latency (µs), to spot periodic stalls. */
  slowest: { atS: number; latencyUs: number }[];
}

interface Phase {
  sent: number;
  ok: number;
  latency: Float64Array;
  /** When each successful request was sent, µs since the start of the phase. */
  sentAt: Float64Array;
  ttfb: Float64Array;
  lag: Float64Array;
  statusCodes: Record<string, number>;
  failures: string[];
  elapsedS: number;
}

const NS_PER_US = 1_000;

async function runPhase(pool: Pool, target: Target, body: string, rate: number, durationS: number): Promise<Phase> {
  checkAborted();
  const total = Math.max(1, Math.round(rate * durationS));
  const intervalNs = 1e9 / rate;
  const latency = new Float64Array(total);
  const sentAt = new Float64Array(total);
  const ttfb = new Float64Array(total);
  const lag = new Float64Array(total);
  const statusCodes: Record<string, number> = {};
  const failures: string[] = [];
  let ok = 0;
  let sent = 0;
  let pending = 0;
  let stopped = false;
  let sending = true;
  let allDone: (() => void) | undefined;
  const count = (key: string) => (statusCodes[key] = (statusCodes[key] ?? 0) + 1);

  const fire = (index: number, start: bigint) => {
    const t0 = process.hrtime.bigint();
    lag[index] = (Number(t0 - start) - index * intervalNs) / NS_PER_US;
    pending++;
    pool
      .request({ path: target.path, method: "POST", headers: target.headers, body })
      .then(async (response) => {
        let first: bigint | undefined;
        let text = "";
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          first ??= process.hrtime.bigint();
          if (response.statusCode !== 200 && text.length < 500) text += chunk.toString("utf8");
        }
        const end = process.hrtime.bigint();
        count(String(response.statusCode));
        if (response.statusCode === 200) {
          latency[ok] = Number(end - t0) / NS_PER_US;
          sentAt[ok] = Number(t0 - start) / NS_PER_US;
          ttfb[ok] = Number((first ?? end) - t0) / NS_PER_US;
          ok++;
        } else if (failures.length < 3) {
          failures.push(`${response.statusCode} ${text.slice(0, 300)}`);
        }
      })
      .catch((error: unknown) => {
        count("error");
        if (failures.length < 3) failures.push(String(error));
      })
      .finally(() => {
        if (--pending === 0 && !sending) allDone?.();
      });
  };

  const start = process.hrtime.bigint();
  stopCurrent = () => {
    stopped = true;
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = Number(process.hrtime.bigint() - start);
      while (!stopped && sent < total && sent * intervalNs <= now) fire(sent++, start);
      if (stopped || sent >= total) return resolve();
      setTimeout(tick, Math.floor((sent * intervalNs - now) / 1e6));
    };
    tick();
  });
  sending = false;
  if (pending > 0) {
    await new Promise<void>((resolve) => {
      allDone = resolve;
      setTimeout(resolve, 30_000).unref(); // a stuck request must not hang the run
    });
  }
  stopCurrent = undefined;
  return { sent, ok, latency: latency.subarray(0, ok), sentAt: sentAt.subarray(0, ok), ttfb: ttfb.subarray(0, ok), lag: lag.subarray(0, sent), statusCodes, failures, elapsedS: Number(process.hrtime.bigint() - start) / 1e9 };
}

/**
 * Sends `rate` requests per second for `durationS` (after `warmupS` of the same, discarded),
 * whatever the responses do (open loop: a slow server does not slow the sender down).
 */
export async function fixedRate(target: Target, body: string, options: { rate: number; durationS: number; warmupS: number; connections: number }): Promise<FixedRateResult> {
  const pool = new Pool(target.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });
  try {
    if (options.warmupS > 0) await runPhase(pool, target, body, options.rate, options.warmupS);
    const phase = await runPhase(pool, target, body, options.rate, options.durationS);
    checkAborted();
    return {
      rate: options.rate,
      sent: phase.sent,
      ok: phase.ok,
      failed: phase.sent - phase.ok,
      statusCodes: phase.statusCodes,
      failures: phase.failures,
      achievedRate: phase.ok / phase.elapsedS,
      latencyUs: summarize(phase.latency),
      ttfbUs: summarize(phase.ttfb),
      sendLagUs: summarize(phase.lag),
      slowest: [...phase.latency.keys()]
        .sort((a, b) => phase.latency[b]! - phase.latency[a]!)
        .slice(0, 5)
        .map((i) => ({ atS: phase.sentAt[i]! / 1e6, latencyUs: phase.latency[i]! })),
    };
  } finally {
    await pool.close().catch(() => undefined);
  }
}

/** One request with undici, for the checks before measuring: status and body text. */
export async function probe(target: Target, body: string): Promise<{ status: number; body: string }> {
  const pool = new Pool(target.origin, { connections: 1 });
  try {
    const response = await pool.request({ path: target.path, method: "POST", headers: target.headers, body, headersTimeout: 30_000, bodyTimeout: 30_000 });
    return { status: response.statusCode, body: await response.body.text() };
  } finally {
    await pool.close().catch(() => undefined);
  }
}
