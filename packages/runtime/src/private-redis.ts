// A private redis-server for the embedded all-in-one start, persisted under the data directory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "@switchyard/core";
import { canConnect } from "./redis-probe.ts";

export interface PrivateRedis {
  url: string;
  stop(): Promise<void>;
}

function redisServerOnPath(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts redis-server on a free loopback port; undefined when redis-server is not installed. */
export async function startPrivateRedis(dataDir: string, logger: Logger): Promise<PrivateRedis | undefined> {
  if (!redisServerOnPath()) return undefined;
  const dir = join(dataDir, "redis");
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", "", "--maxmemory-policy", "noeviction", "--logfile", "redis.log"],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break;
    if (await canConnect(url, 200)) {
      logger.info({ url, dir }, "started a private redis-server (set REDIS_URL to use your own)");
      return { url, stop: () => stopChild(child) };
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not start; see ${join(dir, "redis.log")}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
