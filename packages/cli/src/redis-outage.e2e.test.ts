// Stop Redis while the gateway serves requests, start it again: every served request is billed
// exactly once (spooled while Redis was away, replayed when it came back).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "@switchyard/core";
import { createTempDatabase, postgresAvailable } from "@switchyard/db/testing";
import { startMockUpstream } from "@switchyard/testing";
import type { BootstrapResult } from "./bootstrap.ts";
import { freePorts, runCli, waitFor } from "./testing/process.ts";

const pgUp = await postgresAvailable();
const hasRedisServer = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
});

function redisServer(port: number, dir: string): Promise<ChildProcess> {
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--maxmemory-policy", "noeviction"], { stdio: "ignore" });
  cleanup.push(async () => void proc.kill("SIGKILL"));
  return new Promise((resolve) => {
    const poll = () => (spawnSync("redis-cli", ["-p", String(port), "ping"]).stdout?.toString().trim() === "PONG" ? resolve(proc) : setTimeout(poll, 50));
    poll();
  });
}

describe.runIf(pgUp && hasRedisServer)("Redis outage", () => {
  it("bills every request served while Redis was down, once", async () => {
    const dir = await mkdtemp(join(tmpdir(), "switchyard-outage-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const [redisPort, gateway, api, worker] = await freePorts(4);
    let redis = await redisServer(redisPort!, dir);
    const mock = await startMockUpstream();
    cleanup.push(() => mock.close());
    const db = await createTempDatabase();
    cleanup.push(() => db.drop());
    const proc = runCli(["start"], {
      SWITCHYARD_DATA_DIR: join(dir, "data"), DATABASE_URL: db.url, REDIS_URL: `redis://127.0.0.1:${redisPort}`, SWITCHYARD_REDIS_PREFIX: `test-${randomToken(6)}`,
      GATEWAY_PORT: String(gateway), API_PORT: String(api), WORKER_PORT: String(worker), SWITCHYARD_HOST: "127.0.0.1",
      SWITCHYARD_MASTER_KEYS: `1:${Buffer.alloc(32, 4).toString("base64")}`, SWITCHYARD_API_KEY_HMAC_SECRET: randomToken(40),
      SWITCHYARD_PROVIDER_OPENAI_BASE_URL: `${mock.url}/v1`, SWITCHYARD_PROVIDER_OPENAI_API_KEY: "sk-house", LOG_LEVEL: "warn",
    });
    cleanup.push(() => proc.stop("SIGKILL"));
    await waitFor(`http://127.0.0.1:${gateway}/readyz`, proc);
    await waitFor(`http://127.0.0.1:${api}/readyz`, proc);
    const boot = JSON.parse(await readFile(join(dir, "data", "bootstrap.json"), "utf8")) as BootstrapResult;
    const chat = async () => {
      const res = await fetch(`http://127.0.0.1:${gateway}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${boot.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "outage" }] }),
      });
      expect(res.status, `${await res.text()}\n${proc.output()}`).toBe(200);
      return res.headers.get("x-switchyard-request-id")!;
    };

    const served: string[] = [];
    for (let i = 0; i < 10; i++) served.push(await chat());
    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));
    for (let i = 0; i < 20; i++) served.push(await chat()); // Redis is down: still served
    redis = await redisServer(redisPort!, dir);
    for (let i = 0; i < 10; i++) served.push(await chat());

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.push(() => client.end());
    const billed = async () => (await client.query(`SELECT count(*)::int AS n FROM "UsageEvent" e JOIN "CreditLedgerEntry" l ON l."requestId" = e."requestId" WHERE e."requestId" = ANY($1)`, [served])).rows[0].n as number;
    // Jobs that were active in the worker when Redis died come back once their lock expires (up to
    // lockDuration + stalledInterval, 60 s by default).
    await expect.poll(billed, { timeout: 100_000, interval: 500 }).toBe(40);
    const ledger = (await client.query(`SELECT count(*)::int AS n, count(DISTINCT "requestId")::int AS d FROM "CreditLedgerEntry" WHERE kind = 'usage'`)).rows[0];
    expect(ledger).toEqual({ n: 40, d: 40 });
    expect((await proc.stop()).code).toBe(0);
  }, 300_000);
});
