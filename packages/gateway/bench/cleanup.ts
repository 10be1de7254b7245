// Undo steps for everything the benchmark creates (children, temp dir, database, Redis keys):
// run once, newest first, at the end, on failure and on Ctrl-C; process kills and the temp dir
// removal also run synchronously from process.on("exit") as a last resort.
import { rmSync } from "node:fs";

interface Task {
  name: string;
  run: () => unknown;
}

/** Undo steps run once, newest first; `lastResort` steps also run from process.on("exit"). */
export class Cleanup {
  readonly #tasks: Task[] = [];
  readonly #lastResort: (() => void)[] = [];
  #running: Promise<void> | undefined;

  constructor() {
    process.once("exit", () => {
      for (const step of this.#lastResort.reverse()) {
        try {
          step();
        } catch {
          // nothing more can be done while exiting
        }
      }
    });
  }

  add(name: string, run: () => unknown, lastResort?: () => void): void {
    this.#tasks.push({ name, run });
    if (lastResort) this.#lastResort.push(lastResort);
  }

  run(): Promise<void> {
    this.#running ??= (async () => {
      for (const task of this.#tasks.reverse()) {
        try {
          await withTimeout(Promise.resolve(task.run()), 20_000, `cleanup step "${task.name}"`);
        } catch (error) {
          process.stderr.write(`cleanup: ${task.name} failed: ${String(error)}\n`);
        }
      }
    })();
    return this.#running;
  }
}

/** Ctrl-C / SIGTERM / SIGHUP: clean up, then exit 130. A second signal exits at once (the exit hook still kills children). */
export function cleanupOnSignals(cleanup: Cleanup, onSignal: (signal: NodeJS.Signals) => void, onCleaned: () => void): void {
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    try {
      onSignal(signal);
    } catch (error) {
      process.stderr.write(`while stopping: ${String(error)}\n`);
    }
    void cleanup.run().finally(() => {
      onCleaned();
      process.exit(130);
    });
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, handler);
}

export function removeDirLater(cleanup: Cleanup, dir: string): void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  cleanup.add(`remove ${dir}`, remove, remove);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
