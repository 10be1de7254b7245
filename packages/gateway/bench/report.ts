// Prints the benchmark's results: a table (mock direct vs via gateway, ratio, added, target,
// PASS/MISS), the details of every run, and everything again as one JSON line.
import type { FixedRateResult, SaturationResult } from "./load.ts";
import type { CpuUsage } from "./procfs.ts";

export interface Measured<T> {
  result: T;
  cpu: CpuUsage;
}

export interface Pair<T> {
  mock: Measured<T>;
  gateway: Measured<T>;
}

export interface MemoryPoint {
  after: string;
  rssMb: number;
  anonMb: number;
  fileMb: number;
}

/** The usage events of the whole run, drained by the worker after the measurements. */
export interface Ingest {
  /** BullMQ jobs (batches of events) waiting when the worker started. */
  queuedJobs: number;
  /** UsageEvent rows at the end. */
  events: number;
  /** Their amount billed to credits, USD. */
  billed: string;
  drained: boolean;
  seconds: number;
}

export interface BenchResults {
  meta: {
    startedAt: string;
    node: string;
    cpus: number;
    placement: string[];
    setup: string[];
    settings: Record<string, number>;
  };
  saturation: { json: Pair<SaturationResult>; stream: Pair<SaturationResult> };
  /** Saturation through the reference pass-through proxy (bench/reference-proxy-child.ts), for scale. */
  reference: { json: Measured<SaturationResult>; stream: Measured<SaturationResult> };
  latency: Pair<FixedRateResult>;
  ttfb: Pair<FixedRateResult>;
  ingest?: Ingest;
  /** The gateway process at the end of the run (VmRSS, VmHWM peak, RssAnon, RssFile) and after each phase. */
  gatewayMemory: { rssMb: number; peakRssMb: number; anonMb: number; fileMb: number; measured: string; timeline: MemoryPoint[] };
}

interface Row {
  name: string;
  mock: string;
  gateway: string;
  ratio: string;
  added: string;
  target: string;
  verdict: string;
}

export const TARGETS = { throughputRatio: 0.45, addedP50Ms: 0.5, addedP99Ms: 2, addedTtfbP50Ms: 1, rssMb: 150 } as const;

const ms = (us: number) => (Number.isFinite(us) ? (us / 1000).toFixed(3) : "n/a");
const signedMs = (us: number) => (Number.isFinite(us) ? `${us >= 0 ? "+" : ""}${(us / 1000).toFixed(3)}` : "n/a");
const pct = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)}%` : "n/a");
const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : "n/a");

/** PASS/MISS, with the failed requests of the runs behind the figure when there were any. */
function verdict(pass: boolean, failed = 0): string {
  return `${pass ? "PASS" : "MISS"}${failed > 0 ? ` (${failed} failed requests)` : ""}`;
}

const satFailed = (p: Pair<SaturationResult>) => p.mock.result.non2xx + p.mock.result.errors + p.gateway.result.non2xx + p.gateway.result.errors;
const fixedFailed = (p: Pair<FixedRateResult>) => p.mock.result.failed + p.gateway.result.failed;

function throughputRow(name: string, pair: Pair<SaturationResult>): Row {
  const ratio = pair.gateway.result.rps / pair.mock.result.rps;
  return {
    name,
    mock: pair.mock.result.rps.toFixed(0),
    gateway: pair.gateway.result.rps.toFixed(0),
    ratio: pct(ratio),
    added: "",
    target: `gateway >= ${TARGETS.throughputRatio * 100}% of mock`,
    verdict: verdict(ratio >= TARGETS.throughputRatio, satFailed(pair)),
  };
}

function latencyRow(name: string, pair: Pair<FixedRateResult>, pick: (r: FixedRateResult) => number, targetMs?: number): Row {
  const mock = pick(pair.mock.result);
  const gateway = pick(pair.gateway.result);
  const added = gateway - mock;
  return {
    name,
    mock: ms(mock),
    gateway: ms(gateway),
    ratio: times(gateway / mock),
    added: signedMs(added),
    target: targetMs === undefined ? "(information)" : `added <= ${targetMs} ms`,
    verdict: targetMs === undefined ? "" : verdict(added / 1000 <= targetMs, fixedFailed(pair)),
  };
}

function referenceRow(name: string, pair: Pair<SaturationResult>, reference: Measured<SaturationResult>): Row {
  return {
    name,
    mock: pair.mock.result.rps.toFixed(0),
    gateway: reference.result.rps.toFixed(0),
    ratio: pct(reference.result.rps / pair.mock.result.rps),
    added: "",
    target: `(scale: gateway = ${pct(pair.gateway.result.rps / reference.result.rps)} of it)`,
    verdict: "",
  };
}

export function rows(r: BenchResults): Row[] {
  const rate = (p: Pair<FixedRateResult>) => p.mock.result.rate;
  return [
    throughputRow("Throughput, non-streaming (req/s)", r.saturation.json),
    throughputRow("Throughput, streaming (req/s)", r.saturation.stream),
    referenceRow("  bare pass-through proxy, non-streaming", r.saturation.json, r.reference.json),
    referenceRow("  bare pass-through proxy, streaming", r.saturation.stream, r.reference.stream),
    latencyRow(`Latency @${rate(r.latency)}/s, p50 (ms)`, r.latency, (x) => x.latencyUs.p50, TARGETS.addedP50Ms),
    latencyRow(`Latency @${rate(r.latency)}/s, p99 (ms)`, r.latency, (x) => x.latencyUs.p99, TARGETS.addedP99Ms),
    latencyRow(`Stream TTFB @${rate(r.ttfb)}/s, p50 (ms)`, r.ttfb, (x) => x.ttfbUs.p50, TARGETS.addedTtfbP50Ms),
    latencyRow(`Stream TTFB @${rate(r.ttfb)}/s, p99 (ms)`, r.ttfb, (x) => x.ttfbUs.p99),
    latencyRow(`Stream complete @${rate(r.ttfb)}/s, p50 (ms)`, r.ttfb, (x) => x.latencyUs.p50),
    {
      name: "Gateway RSS at end of run (MB)",
      mock: "",
      gateway: r.gatewayMemory.rssMb.toFixed(1),
      ratio: "",
      added: "",
      target: `< ${TARGETS.rssMb} MB`,
      verdict: verdict(r.gatewayMemory.rssMb < TARGETS.rssMb),
    },
  ];
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const numeric = (i: number) => i > 0 && i < header.length - 2;
  const line = (cells: string[]) => cells.map((c, i) => (numeric(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

const indent = `  ${"".padEnd(30)} `;

function cpu(m: Measured<unknown>): string {
  const parts = Object.entries(m.cpu.pct).map(([who, value]) => `${who} ${value.toFixed(0)}%`);
  return `CPU ${parts.join(", ")}${m.cpu.topOther ? ` (busiest other: ${m.cpu.topOther})` : ""}`;
}

/** The busiest of the benchmark's own processes: what bounded a saturation run. */
function busiest(m: Measured<unknown>): string {
  const [name, value] = Object.entries(m.cpu.pct)
    .filter(([who]) => who !== "others" && who !== "redis" && who !== "postgres")
    .reduce((a, b) => (b[1] > a[1] ? b : a), ["?", 0] as [string, number]);
  return `${name} at ${value.toFixed(0)}% of a core`;
}

function statuses(codes: Record<string, number>): string {
  return Object.entries(codes)
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
}

function saturationDetail(name: string, m: Measured<SaturationResult>): string {
  const r = m.result;
  return [
    `  ${name.padEnd(30)} ${r.ok} ok in ${r.durationS.toFixed(1)} s, non-2xx ${r.non2xx}, errors ${r.errors} (timeouts ${r.timeouts}); statuses {${statuses(r.statusCodes)}}; autocannon latency mean ${r.latencyMeanMs.toFixed(2)} ms, p99 ${r.latencyP99Ms} ms`,
    `${indent}${cpu(m)}; busiest: ${busiest(m)}`,
  ].join("\n");
}

function fixedDetail(name: string, m: Measured<FixedRateResult>): string {
  const r = m.result;
  const lines = [
    `  ${name.padEnd(30)} sent ${r.sent}, ok ${r.ok}, failed ${r.failed}, achieved ${r.achievedRate.toFixed(1)}/s; statuses {${statuses(r.statusCodes)}}`,
    `${indent}latency ms p50 ${ms(r.latencyUs.p50)} p90 ${ms(r.latencyUs.p90)} p99 ${ms(r.latencyUs.p99)} p99.9 ${ms(r.latencyUs.p999)} max ${ms(r.latencyUs.max)}; TTFB ms p50 ${ms(r.ttfbUs.p50)} p90 ${ms(r.ttfbUs.p90)} p99 ${ms(r.ttfbUs.p99)}`,
    `${indent}slowest: ${r.slowest.map((x) => `${ms(x.latencyUs)} ms at ${x.atS.toFixed(2)} s`).join(", ")}`,
    `${indent}send lag behind schedule ms p50 ${ms(r.sendLagUs.p50)} p99 ${ms(r.sendLagUs.p99)}; ${cpu(m)}`,
  ];
  for (const failure of r.failures) lines.push(`${indent}failure: ${failure.replace(/\s+/g, " ")}`);
  return lines.join("\n");
}

export function printReport(r: BenchResults, write: (text: string) => void): void {
  const out: string[] = [];
  out.push("", "=== Switchyard gateway benchmark ===", `started ${r.meta.startedAt}, node ${r.meta.node}, ${r.meta.cpus} CPUs`, "", "Placement:");
  for (const line of r.meta.placement) out.push(`  - ${line}`);
  out.push("Setup:");
  for (const line of r.meta.setup) out.push(`  - ${line}`);
  out.push("");
  const body = rows(r).map((row) => [row.name, row.mock, row.gateway, row.ratio, row.added, row.target, row.verdict]);
  out.push(table(["Measurement", "mock direct", "via gateway", "gw/mock", "added", "target", "result"], body));
  out.push("", "Details:");
  out.push(saturationDetail("saturation json, mock", r.saturation.json.mock));
  out.push(saturationDetail("saturation json, gateway", r.saturation.json.gateway));
  out.push(saturationDetail("saturation json, reference", r.reference.json));
  out.push(saturationDetail("saturation stream, mock", r.saturation.stream.mock));
  out.push(saturationDetail("saturation stream, gateway", r.saturation.stream.gateway));
  out.push(saturationDetail("saturation stream, reference", r.reference.stream));
  out.push(fixedDetail(`fixed ${r.latency.mock.result.rate}/s json, mock`, r.latency.mock));
  out.push(fixedDetail(`fixed ${r.latency.gateway.result.rate}/s json, gateway`, r.latency.gateway));
  out.push(fixedDetail(`fixed ${r.ttfb.mock.result.rate}/s stream, mock`, r.ttfb.mock));
  out.push(fixedDetail(`fixed ${r.ttfb.gateway.result.rate}/s stream, gateway`, r.ttfb.gateway));
  const m = r.gatewayMemory;
  out.push(`  gateway memory (${m.measured}): at the end VmRSS ${m.rssMb.toFixed(1)} MB (anonymous ${m.anonMb.toFixed(1)}, file-backed ${m.fileMb.toFixed(1)}), peak VmHWM ${m.peakRssMb.toFixed(1)} MB`);
  for (const point of m.timeline) out.push(`${indent}VmRSS ${point.rssMb.toFixed(1).padStart(6)} MB (anon ${point.anonMb.toFixed(1)}) after ${point.after}`);
  if (r.ingest) {
    const i = r.ingest;
    out.push(`  usage events: the worker, started after the measurements, ${i.drained ? "drained" : "did NOT drain"} ${i.queuedJobs} queued jobs in ${i.seconds.toFixed(1)} s: ${i.events} usage events billed, ${i.billed} USD to credits`);
  }
  const runs = [...[r.saturation.json, r.saturation.stream, r.latency, r.ttfb].flatMap((p): Measured<unknown>[] => [p.mock, p.gateway]), r.reference.json, r.reference.stream];
  const noisiest = runs.reduce((a, b) => ((b.cpu.pct.others ?? 0) > (a.cpu.pct.others ?? 0) ? b : a));
  if ((noisiest.cpu.pct.others ?? 0) > 10) {
    out.push(`  WARNING: other processes used up to ${(noisiest.cpu.pct.others ?? 0).toFixed(0)}% of a core during a run${noisiest.cpu.topOther ? ` (busiest: ${noisiest.cpu.topOther})` : ""}: the machine was not quiet, so the figures are skewed`);
  }
  const verdicts = Object.fromEntries(
    rows(r)
      .filter((row) => row.verdict)
      .map((row) => [row.name, row.verdict]),
  );
  out.push("", "JSON:", JSON.stringify({ bench: "switchyard-gateway", targets: TARGETS, verdicts, ...r }), "");
  write(out.join("\n"));
}
