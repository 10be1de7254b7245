// A served request is never lost from billing: when Redis cannot take a usage event, it is
// appended to a spool file in the data directory (fsync'd) and replayed into the queue once
// Redis is back. Replays are harmless: the worker bills each request id once.
import { randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "@switchyard/core";
import type { UsageEventJob } from "@switchyard/queue";

export interface Spool {
  /** Appends the events with one write and one fsync. */
  append(events: UsageEventJob[]): Promise<void>;
  /** Sends every spooled event through `send`, `batch` at a time; returns how many were replayed. */
  replay(send: (events: UsageEventJob[]) => Promise<void>, batch: number): Promise<number>;
  /**
   * Keeps events the queue refuses for good (not for a lost connection) in a file of their own
   * (`rejected-usage-*.jsonl`, never replayed), so they neither block the replay nor get lost.
   */
  reject(events: UsageEventJob[]): Promise<void>;
}

export function createSpool(dir: string, logger: Logger): Spool {
  const suffix = `${process.pid}-${randomUUID().slice(0, 8)}.jsonl`;
  const file = join(dir, `usage-${suffix}`);
  const rejectedFile = join(dir, `rejected-usage-${suffix}`);
  let writes: Promise<void> = Promise.resolve();

  async function write(line: string, to = file): Promise<void> {
    await mkdir(dir, { recursive: true });
    const handle = await open(to, "a", 0o600);
    try {
      await handle.write(line);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  const lines = (events: UsageEventJob[]) => events.map((event) => `${JSON.stringify(event)}\n`).join("");

  return {
    append(events) {
      writes = writes.then(() => write(lines(events)));
      return writes;
    },

    async reject(events) {
      await write(lines(events), rejectedFile);
    },

    async replay(send, batch) {
      await writes;
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => /^usage-.*\.jsonl$/.test(n));
      } catch {
        return 0;
      }
      let replayed = 0;
      for (const name of names) {
        // Claim the file: only one process (or replay) gets to rename it.
        const claimed = join(dir, `${name}.replaying-${process.pid}-${randomUUID().slice(0, 8)}`);
        try {
          await rename(join(dir, name), claimed);
        } catch {
          continue;
        }
        const lines = (await readFile(claimed, "utf8")).split("\n").filter(Boolean);
        try {
          for (let i = 0; i < lines.length; i += batch) {
            const events = lines.slice(i, i + batch).map((line) => JSON.parse(line) as UsageEventJob);
            await send(events);
            replayed += events.length;
          }
          await unlink(claimed);
        } catch (error) {
          // Put it back for the next attempt; events already sent are deduplicated later.
          await rename(claimed, join(dir, name)).catch(() => {});
          logger.warn({ err: (error as Error).message, file: name }, "usage spool replay interrupted; will retry");
          throw error;
        }
      }
      if (replayed > 0) logger.info({ replayed }, "replayed spooled usage events into the queue");
      return replayed;
    },
  };
}
