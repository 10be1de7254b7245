// What /proc says: CPU affinity (and taskset to change it), resident memory, CPU time used.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

function parseCpuList(list: string): Set<number> {
  const cpus = new Set<number>();
  for (const part of list.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [from, to = from] = part.split("-").map(Number);
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) continue;
    for (let cpu = from; cpu <= to; cpu++) cpus.add(cpu);
  }
  return cpus;
}

/** The CPUs a process may run on, as /proc/<pid>/status says ("0-1"), or "?" when unreadable. */
export function affinity(pid: number | "self"): string {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/** Whether taskset works and cores 0 and 1 are both available to this process; otherwise why not. */
export function pinningSupport(): { ok: true } | { ok: false; reason: string } {
  try {
    execFileSync("taskset", ["--version"], { stdio: "ignore" });
  } catch {
    return { ok: false, reason: "taskset (util-linux) was not found" };
  }
  const cpus = parseCpuList(affinity("self"));
  if (!cpus.has(0) || !cpus.has(1)) return { ok: false, reason: `cores 0 and 1 are not both available (allowed: ${affinity("self")})` };
  return { ok: true };
}

/** Moves every thread of a running process to one core. */
export function pin(pid: number, core: number): void {
  execFileSync("taskset", ["-a", "-p", "-c", String(core), String(pid)], { stdio: "ignore" });
}

export interface ProcMemory {
  rssKb: number;
  /** VmHWM: the peak resident set. */
  peakRssKb: number;
  /** Anonymous memory (heaps) and file-backed pages (code, mapped files) of the resident set. */
  anonKb: number;
  fileKb: number;
}

export function memory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s*(\\d+)\\s*kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssKb: field("VmRSS"), peakRssKb: field("VmHWM"), anonKb: field("RssAnon"), fileKb: field("RssFile") };
}

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

interface ProcessCpu {
  /** The command name (/proc/<pid>/comm), e.g. "node", "redis-server", "postgres". */
  name: string;
  seconds: number;
}

/** User + system CPU seconds used so far by every process on the machine (all its threads), by pid. */
function cpuSnapshot(): Map<number, ProcessCpu> {
  const out = new Map<number, ProcessCpu>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(Number(entry), { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond() });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** A process's command line, shortened, or "" once it is gone. */
function commandLine(pid: number): string {
  try {
    const text = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return "";
  }
}

export interface CpuUsage {
  /** % of one core, per process of ours by name, then "redis", "postgres" and "others" (the rest of the machine). */
  pct: Record<string, number>;
  /** The busiest process among the others, when it used more than 5% of a core. */
  topOther?: string;
}

/** Starts measuring CPU use; the returned function ends the window and reports it. */
export function cpuWindow(ours: Record<string, number>): () => CpuUsage {
  const before = cpuSnapshot();
  const start = performance.now();
  return () => {
    const after = cpuSnapshot();
    const seconds = (performance.now() - start) / 1000;
    const ourName = new Map(Object.entries(ours).map(([name, pid]) => [pid, name]));
    const used: Record<string, number> = Object.fromEntries([...Object.keys(ours), "redis", "postgres", "others"].map((name) => [name, 0]));
    let top: { pid: number; seconds: number } | undefined;
    for (const [pid, now] of after) {
      const delta = now.seconds - (before.get(pid)?.seconds ?? 0);
      if (delta <= 0) continue;
      const group = ourName.get(pid) ?? (now.name === "redis-server" ? "redis" : now.name === "postgres" ? "postgres" : "others");
      used[group]! += delta;
      if (group === "others" && (!top || delta > top.seconds)) top = { pid, seconds: delta };
    }
    const pct = Object.fromEntries(Object.entries(used).map(([name, s]) => [name, (s / seconds) * 100]));
    const topPct = top ? (top.seconds / seconds) * 100 : 0;
    return top && topPct > 5 ? { pct, topOther: `${commandLine(top.pid) || after.get(top.pid)?.name} (pid ${top.pid}) ${topPct.toFixed(0)}%` } : { pct };
  };
}
