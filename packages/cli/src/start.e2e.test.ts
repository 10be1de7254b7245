// `switchyard start` end to end: real processes, PGlite or PostgreSQL, and the machine's Redis.
import { readFile, stat } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "@switchyard/core";
import { createTempDatabase, postgresAvailable, type TempDatabase } from "@switchyard/db/testing";
import { createUsageQueue } from "@switchyard/queue";
import { queuedUsageEvents } from "@switchyard/queue/testing";
import { startMockUpstream } from "@switchyard/testing";
import pg_ from "pg";
import type { BootstrapResult as Bootstrap } from "./bootstrap.ts";
import { type CliProcess, freePorts, runCli, waitFor } from "./testing/process.ts";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "switchyard-e2e-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function baseEnv(dataDir: string) {
  const [gateway, api, worker] = await freePorts(3);
  const env = {
    SWITCHYARD_DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    SWITCHYARD_REDIS_PREFIX: `test-${randomToken(8)}`,
    GATEWAY_PORT: String(gateway),
    API_PORT: String(api),
    WORKER_PORT: String(worker),
    SWITCHYARD_HOST: "127.0.0.1",
  };
  return { env, urls: { gateway: `http://127.0.0.1:${gateway}`, api: `http://127.0.0.1:${api}`, worker: `http://127.0.0.1:${worker}` } };
}

function started(args: string[], env: Record<string, string>): CliProcess {
  const proc = runCli(args, env);
  cleanup.push(() => proc.stop("SIGKILL"));
  return proc;
}

async function readBootstrap(dataDir: string): Promise<Bootstrap> {
  return JSON.parse(await readFile(join(dataDir, "bootstrap.json"), "utf8")) as Bootstrap;
}

async function expectWorkingSystem(urls: { gateway: string; api: string }, boot: Bootstrap) {
  const ok = await fetch(`${urls.gateway}/v1/key`, { headers: { authorization: `Bearer ${boot.apiKey}` } });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ data: { organization_id: boot.organizationId, project_id: boot.projectId, project_mode: "hybrid" } });
  const wrong = await fetch(`${urls.gateway}/v1/key`, { headers: { authorization: `Bearer ${boot.apiKey.slice(0, -2)}zz` } });
  const missing = await fetch(`${urls.gateway}/v1/key`);
  expect(wrong.status).toBe(401);
  expect(missing.status).toBe(401);
  const body = await wrong.json();
  expect(await missing.json()).toEqual(body);
  expect(body).toMatchObject({ error: { code: "invalid_api_key", type: "invalid_request_error", param: null } });

  const gql = await fetch(`${urls.api}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${boot.adminToken}` },
    body: JSON.stringify({ query: "{ viewer { isPlatformOperator memberships { role organization { id } } } }" }),
  });
  expect(await gql.json()).toEqual({ data: { viewer: { isPlatformOperator: true, memberships: [{ role: "owner", organization: { id: boot.organizationId } }] } } });
}

/** Opens a keep-alive connection and leaves it idle: shutdown must not wait for it. */
async function idleKeepAlive(url: string): Promise<Agent> {
  const agent = new Agent({ keepAlive: true });
  await new Promise<void>((res, rej) => request(`${url}/healthz`, { agent }, (r) => (r.resume(), r.on("end", () => res()))).on("error", rej).end());
  return agent;
}

describe("switchyard start on the embedded database", () => {
  it("serves a chat through a provider pointed at the mock upstream and queues its usage event", async () => {
    const mock = await startMockUpstream();
    cleanup.push(() => mock.close());
    const dataDir = await tempDir();
    const { env, urls } = await baseEnv(dataDir);
    const proc = started(["start"], { ...env, SWITCHYARD_PROVIDER_OPENAI_BASE_URL: `${mock.url}/v1`, SWITCHYARD_PROVIDER_OPENAI_API_KEY: "sk-house-e2e" });
    await waitFor(`${urls.gateway}/readyz`, proc);
    await waitFor(`${urls.api}/readyz`, proc);
    const boot = await readBootstrap(dataDir);
    const res = await fetch(`${urls.gateway}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${boot.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { usage: Record<string, unknown> };
    expect(body.usage).toMatchObject({ key_source: "credits", usage_estimated: false });
    expect(mock.requests[0]!.headers.authorization).toBe("Bearer sk-house-e2e");

    const requestId = res.headers.get("x-switchyard-request-id")!;
    const queue = createUsageQueue({ host: "127.0.0.1", port: Number(new URL(redisUrl).port || 6379) }, env.SWITCHYARD_REDIS_PREFIX);
    cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
    await expect.poll(async () => (await queuedUsageEvents(queue)).find((e) => e.requestId === requestId), { timeout: 5000 }).toMatchObject({
      requestId, organizationId: boot.organizationId, providerId: "openai", model: "gpt-4o-mini", keySource: "credits", status: "success",
    });
    expect(proc.output()).not.toContain("sk-house-e2e");
    expect((await proc.stop()).code).toBe(0);
  }, 300_000);

  it("bootstraps once, serves, survives a restart, and stops cleanly on SIGTERM", async () => {
    const dataDir = await tempDir();
    const { env, urls } = await baseEnv(dataDir);
    const first = started(["start"], env);
    await waitFor(`${urls.gateway}/readyz`, first);
    await waitFor(`${urls.api}/readyz`, first);
    await waitFor(`${urls.worker}/readyz`, first);

    const boot = await readBootstrap(dataDir);
    expect((await stat(join(dataDir, "bootstrap.json"))).mode & 0o777).toBe(0o600);
    expect(boot.gatewayUrl).toBe(`${urls.gateway.replace("127.0.0.1", "localhost")}/v1`);
    expect(boot.graphqlUrl).toBe(`${urls.api.replace("127.0.0.1", "localhost")}/graphql`);
    expect(first.output()).toContain(boot.apiKey); // printed once, for the operator
    await expectWorkingSystem(urls, boot);

    const agent = await idleKeepAlive(urls.gateway);
    const stop = await first.stop("SIGTERM");
    agent.destroy();
    expect(stop.code).toBe(0);
    expect(stop.ms).toBeLessThan(10_000);
    expect(first.output()).toContain("stopped cleanly");
    // Secrets reach the operator through the banner only, never through a log line.
    const logLines = first.output().split("\n").filter((l) => l.startsWith("{"));
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) {
      expect(line).not.toContain(boot.apiKey.split("-")[2]);
      expect(line).not.toContain(boot.adminToken);
    }

    const second = started(["start"], env);
    await waitFor(`${urls.gateway}/readyz`, second);
    await waitFor(`${urls.api}/readyz`, second);
    expect(await readBootstrap(dataDir)).toEqual(boot);
    expect(second.output()).not.toContain("bootstrapped");
    await expectWorkingSystem(urls, boot);
    expect((await second.stop("SIGINT")).code).toBe(0);
  }, 300_000);

  it("refuses split roles on PGlite with a message that says to set DATABASE_URL", async () => {
    const { env } = await baseEnv(await tempDir());
    const proc = started(["start", "--role", "gateway"], env);
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/DATABASE_URL/);
    expect(proc.output()).toMatch(/single-process/);
  }, 30_000);

  it("stops on an invalid environment with one message listing every bad variable", async () => {
    const proc = started(["start"], { GATEWAY_PORT: "eighty", DATABASE_URL: "mysql://x", SWITCHYARD_BOOTSTRAP: "perhaps" });
    expect(await proc.exited).toBe(1);
    const out = proc.output();
    expect(out.match(/Invalid environment/g)).toHaveLength(1);
    for (const name of ["GATEWAY_PORT", "DATABASE_URL", "SWITCHYARD_BOOTSTRAP"]) expect(out).toContain(name);
  }, 30_000);
});

const pgUp = await postgresAvailable();

describe.runIf(pgUp)("switchyard start on PostgreSQL", () => {
  const secrets = {
    SWITCHYARD_MASTER_KEYS: `1:${Buffer.alloc(32, 3).toString("base64")}`,
    SWITCHYARD_API_KEY_HMAC_SECRET: randomToken(40),
  };
  async function database(): Promise<TempDatabase> {
    const db = await createTempDatabase();
    cleanup.push(() => db.drop());
    return db;
  }

  it("runs all roles in one process: a chat appears in the ledger, the balance and the rollups", async () => {
    const mock = await startMockUpstream();
    cleanup.push(() => mock.close());
    const dataDir = await tempDir();
    const { env, urls } = await baseEnv(dataDir);
    const pg = await database();
    const proc = started(["start"], { ...env, ...secrets, DATABASE_URL: pg.url, SWITCHYARD_PROVIDER_OPENAI_BASE_URL: `${mock.url}/v1`, SWITCHYARD_PROVIDER_OPENAI_API_KEY: "sk-house" });
    await waitFor(`${urls.gateway}/readyz`, proc);
    await waitFor(`${urls.api}/readyz`, proc);
    const boot = await readBootstrap(dataDir);
    await expectWorkingSystem(urls, boot);

    const res = await fetch(`${urls.gateway}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${boot.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Bill me" }] }),
    });
    expect(res.status).toBe(200);
    const billed = ((await res.json()) as { usage: { billed_usd: number } }).usage.billed_usd;
    expect(billed).toBeGreaterThan(0);
    const requestId = res.headers.get("x-switchyard-request-id")!;

    const client = new pg_.Client({ connectionString: pg.url });
    await client.connect();
    cleanup.push(() => client.end());
    const row = async () =>
      (await client.query(`SELECT e."amountBilled"::text AS billed, l.amount::text AS ledger, b.balance::text AS balance,
         (SELECT sum(requests)::int FROM "UsageRollup" r WHERE r."organizationId" = e."organizationId" AND r.granularity = 'day') AS requests
       FROM "UsageEvent" e JOIN "CreditLedgerEntry" l ON l."requestId" = e."requestId" JOIN "CreditBalance" b ON b."organizationId" = e."organizationId"
       WHERE e."requestId" = $1`, [requestId])).rows[0] as { billed: string; ledger: string; balance: string; requests: number } | undefined;
    await expect.poll(row, { timeout: 10_000 }).toBeDefined();
    const r = (await row())!;
    expect(Number(r.billed)).toBeCloseTo(billed, 10);
    expect(r.ledger).toBe(`-${r.billed}`);
    expect(Number(r.balance)).toBeCloseTo(10 - billed, 10);
    expect(r.requests).toBe(1);
    expect((await proc.stop()).code).toBe(0);
  }, 300_000);

  it("runs gateway, api and worker as three processes", async () => {
    const dataDir = await tempDir();
    const { env, urls } = await baseEnv(dataDir);
    const shared = { ...env, ...secrets, DATABASE_URL: (await database()).url };
    const procs = (["worker", "api", "gateway"] as const).map((role) => started(["start", "--role", role], shared));
    const [worker, api, gateway] = procs as [CliProcess, CliProcess, CliProcess];
    await waitFor(`${urls.worker}/readyz`, worker);
    await waitFor(`${urls.api}/readyz`, api);
    await waitFor(`${urls.gateway}/readyz`, gateway);
    await expectWorkingSystem(urls, await readBootstrap(dataDir));
    // Each process serves only its own role.
    expect((await fetch(`${urls.gateway}/graphql`)).status).toBe(404);
    expect((await fetch(`${urls.api}/v1/key`, { headers: { authorization: `Bearer ${(await readBootstrap(dataDir)).apiKey}` } })).status).toBe(404);
    expect(gateway.output()).not.toContain("api listening");
    expect(api.output()).not.toContain("gateway listening");
    for (const p of procs) expect((await p.stop()).code).toBe(0);
  }, 300_000);
});
