// The benchmark's watchdog, started detached by processes.ts. It reads one JSON line per thing
// to undo (see `Leftover`) on stdin. When stdin closes — the benchmark exited or was killed,
// even with SIGKILL — it kills the children's process groups, removes the temp dirs, drops the
// database and deletes the Redis keys, unless the benchmark disarmed it after its own cleanup.
import { rmSync } from "node:fs";
import type { Leftover } from "./processes.ts";
import { deleteRedisKeys, dropDatabase } from "./stores.ts";

const leftovers: Leftover[] = [];
let disarmed = false;
let buffer = "";

process.on("SIGINT", () => undefined); // a Ctrl-C meant for the benchmark is not for us
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  buffer += chunk;
  for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    try {
      const item = JSON.parse(line) as Leftover | { kind: "disarm" };
      if (item.kind === "disarm") disarmed = true;
      else leftovers.push(item);
    } catch {
      // not for us
    }
  }
});

async function undo(item: Leftover): Promise<void> {
  switch (item.kind) {
    case "group":
      try {
        process.kill(-item.pid, "SIGKILL");
      } catch {
        // already gone
      }
      return;
    case "dir":
      rmSync(item.path, { recursive: true, force: true });
      return;
    case "database":
      await dropDatabase(item.adminUrl, item.name);
      return;
    case "redis":
      await deleteRedisKeys(item.url, item.prefix);
      return;
  }
}

process.stdin.on("close", () => {
  if (disarmed) process.exit(0);
  setTimeout(() => process.exit(1), 30_000).unref();
  // Processes first (they hold the database), then the rest.
  const ordered = [...leftovers.filter((l) => l.kind === "group"), ...leftovers.filter((l) => l.kind !== "group")];
  void (async () => {
    for (const item of ordered) await undo(item).catch(() => undefined);
    process.exit(0);
  })();
});
