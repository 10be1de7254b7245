// Redis resolution: configured URL, private redis-server fallback, and a clear error otherwise.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "@switchyard/core";
import { openDatabase } from "@switchyard/db";
import { readiness } from "./health.ts";
import { connectRedis } from "./redis.ts";

const logger = createLogger({ level: "silent" });
const closedPort = "redis://127.0.0.1:1"; // nothing listens on port 1
const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir() {
  const d = await mkdtemp(join(tmpdir(), "switchyard-redis-"));
  dirs.push(d);
  return d;
}

describe("connectRedis", () => {
  it("fails with instructions when the configured Redis is unreachable, never starting its own", async () => {
    const attempt = connectRedis({ configuredUrl: "redis://user:hunter2@127.0.0.1:1", dataDir: await tempDir(), allowPrivate: true, logger });
    await expect(attempt).rejects.toThrow(/not reachable at redis:\/\/\*\*\*@127\.0\.0\.1:1.*REDIS_URL/s);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it("fails when split roles find no Redis at the default address", async () => {
    await expect(connectRedis({ configuredUrl: undefined, defaultUrl: closedPort, dataDir: await tempDir(), allowPrivate: false, logger })).rejects.toThrow(/REDIS_URL/);
  });

  it.runIf(hasRedisServer)("starts a private redis-server under the data dir for the all-in-one start", async () => {
    const dataDir = await tempDir();
    const handle = await connectRedis({ configuredUrl: undefined, defaultUrl: closedPort, dataDir, allowPrivate: true, logger });
    expect(handle.privateServer).toBeDefined();
    expect(handle.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(await handle.client.ping()).toBe("PONG");
    expect(await handle.client.config("GET", "maxmemory-policy")).toEqual(["maxmemory-policy", "noeviction"]);
    expect((await stat(join(dataDir, "redis"))).isDirectory()).toBe(true);

    const db = await openDatabase({ dataDir: undefined });
    expect(await readiness(db, handle.client)).toEqual({ ok: true, checks: { database: "ok", redis: "ok" } });
    await handle.privateServer!.stop();
    const down = await readiness(db, handle.client, 500);
    expect(down).toEqual({ ok: false, checks: { database: "ok", redis: "unavailable" } });
    await handle.close();
    await db.close();
  }, 90_000);
});
