// Brings the system under test up on 127.0.0.1: a fresh PostgreSQL database and Redis prefix, the
// mock upstream (its own process), Switchyard pointed at it (with `splitRoles` the gateway role
// alone plus an api+worker process, else all roles in one process), credits for the bootstrapped
// organization, and one successful request of each kind before anything is measured.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeDirLater, sleep, type Cleanup } from "./cleanup.ts";
import { chatBody, probe, type Target } from "./load.ts";
import { freePort, inheritedEnv, reapIfKilled, startChild, waitForHttp200, waitForOutput, type Child } from "./processes.ts";
import { createDatabase, deleteRedisKeys, grantCredits, randomSuffix } from "./stores.ts";

export interface SetupOptions {
  repoRoot: string;
  pgAdminUrl: string;
  redisUrl: string;
  /** Cores to pin to, or undefined to run unpinned. */
  cores: { gateway: number; mock: number; apiWorker: number } | undefined;
  /**
   * Run `start --role gateway` alone (measured) and `start --role api` beside it; the worker role
   * is started by `startWorker()` once the measurements are over.
   */
  splitRoles: boolean;
  /** Nice level of the api and worker processes. */
  apiWorkerNice: number;
  /** Node flags for the gateway process (bin/switchyard's SWITCHYARD_NODE_FLAGS), e.g. --single-threaded-gc, --cpu-prof. */
  gatewayNodeFlags: string[];
  /** NODE_OPTIONS for the gateway process only ("" for none). */
  gatewayNodeOptions: string;
  credits: number;
  log: (message: string) => void;
}

export interface System {
  mock: Child;
  /** The process serving the gateway port (all roles, or the gateway role alone). */
  gateway: Child;
  /** The reference pass-through proxy (reference-proxy-child.ts) in front of the mock. */
  reference: Child;
  referenceTarget: Target;
  /** The api role alone (with splitRoles). */
  api: Child | undefined;
  /** With splitRoles: starts the worker role (it drains the usage events queued so far); resolves once it is ready. */
  startWorker: (() => Promise<Child>) | undefined;
  mockTarget: Target;
  gatewayTarget: Target;
  databaseName: string;
  databaseUrl: string;
  redisPrefix: string;
  /** Everything the gateway process was started with that matters to the figures. */
  gatewayCommand: string;
}

const CHAT_PATH = "/v1/chat/completions";

async function readBootstrap(file: string, owner: Child): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const parsed = JSON.parse(await readFile(file, "utf8")) as { apiKey?: unknown };
      if (typeof parsed.apiKey === "string") return parsed.apiKey;
    } catch {
      // not written yet
    }
    if (owner.gone || Date.now() > deadline) throw new Error(`${file} has no apiKey (was the database not empty?)\n${owner.output()}`);
    await sleep(100);
  }
}

export async function startSystem(cleanup: Cleanup, o: SetupOptions): Promise<System> {
  execFileSync(process.execPath, ["packages/cli/scripts/bundle.mjs", "--quiet"], { cwd: o.repoRoot, stdio: "inherit" });
  const tmp = await mkdtemp(join(tmpdir(), "switchyard-bench-"));
  removeDirLater(cleanup, tmp);
  reapIfKilled({ kind: "dir", path: tmp });
  const dataDir = join(tmp, "data");

  const db = await createDatabase(o.pgAdminUrl);
  cleanup.add(`drop database ${db.name}`, () => db.drop());
  reapIfKilled({ kind: "database", adminUrl: o.pgAdminUrl, name: db.name });
  o.log(`created PostgreSQL database ${db.name}`);
  const redisPrefix = `bench-${randomSuffix()}`;
  // Registered before the Switchyard processes, so it runs after they are stopped.
  cleanup.add(`delete Redis keys ${redisPrefix}*`, () => deleteRedisKeys(o.redisUrl, redisPrefix));
  reapIfKilled({ kind: "redis", url: o.redisUrl, prefix: redisPrefix });

  const mock = startChild(
    cleanup,
    "mock upstream",
    process.execPath,
    ["--import", "tsx", "packages/gateway/bench/mock-child.ts", "--port", "0", "--host", "127.0.0.1", "--no-auth", "--chunk-delay-ms", "0"],
    { cwd: o.repoRoot, env: inheritedEnv(), core: o.cores?.mock, stdinPipe: true },
  );
  const mockOrigin = (await waitForOutput(mock, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1]!;
  o.log(`mock upstream (pid ${mock.pid}) at ${mockOrigin}`);
  const reference = startChild(cleanup, "reference proxy", process.execPath, ["--import", "tsx", "packages/gateway/bench/reference-proxy-child.ts", mockOrigin], {
    cwd: o.repoRoot,
    env: inheritedEnv(),
    core: o.cores?.gateway,
    stdinPipe: true,
  });
  const referenceOrigin = (await waitForOutput(reference, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 30_000))[1]!;
  o.log(`reference pass-through proxy (pid ${reference.pid}) at ${referenceOrigin}`);

  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [gatewayPort, apiPort, workerPort] = [...ports];
  const env = {
    ...inheritedEnv(),
    NODE_ENV: "production",
    // Per-request info logs would distort the measurement.
    LOG_LEVEL: "warn",
    SWITCHYARD_DATA_DIR: dataDir,
    SWITCHYARD_HOST: "127.0.0.1",
    GATEWAY_PORT: String(gatewayPort),
    API_PORT: String(apiPort),
    WORKER_PORT: String(workerPort),
    DATABASE_URL: db.url,
    REDIS_URL: o.redisUrl,
    SWITCHYARD_REDIS_PREFIX: redisPrefix,
    SWITCHYARD_PROVIDER_OPENAI_BASE_URL: `${mockOrigin}/v1`,
    SWITCHYARD_PROVIDER_OPENAI_API_KEY: "sk-bench",
    SWITCHYARD_MASTER_KEYS: `1:${randomBytes(32).toString("base64")}`,
    SWITCHYARD_API_KEY_HMAC_SECRET: randomBytes(30).toString("base64url"),
    SWITCHYARD_SHUTDOWN_TIMEOUT_MS: "2000",
  };
  // Every process runs bin/switchyard, as an operator would: it builds dist/switchyard.mjs (a
  // no-op here: built above) and execs `node $SWITCHYARD_NODE_FLAGS dist/switchyard.mjs`.
  const switchyard = (name: string, roles: string[], core: number | undefined, launch: { nice?: number; nodeOptions?: string; nodeFlags?: string[] } = {}) => {
    const args = ["start", ...roles.flatMap((role) => ["--role", role])];
    const { nice, nodeOptions = "", nodeFlags = [] } = launch;
    const childEnv: Record<string, string> = { ...env };
    if (nodeOptions !== "") childEnv.NODE_OPTIONS = nodeOptions;
    if (nodeFlags.length > 0) childEnv.SWITCHYARD_NODE_FLAGS = nodeFlags.join(" ");
    const child = startChild(cleanup, name, join(o.repoRoot, "bin/switchyard"), args, { cwd: o.repoRoot, env: childEnv, core, ...(nice === undefined ? {} : { nice }) });
    const prefix = [
      nodeOptions === "" ? "" : `NODE_OPTIONS="${nodeOptions}" `,
      nodeFlags.length === 0 ? "" : `SWITCHYARD_NODE_FLAGS="${nodeFlags.join(" ")}" `,
      core === undefined ? "" : `taskset -c ${core} `,
      nice === undefined ? "" : `nice -n ${nice} `,
    ].join("");
    return { child, command: `${prefix}bin/switchyard ${args.join(" ")}` };
  };

  let api: Child | undefined;
  let startWorker: System["startWorker"];
  let apiKey: string;
  let gateway: { child: Child; command: string };
  if (o.splitRoles) {
    api = switchyard("api", ["api"], o.cores?.apiWorker, { nice: o.apiWorkerNice }).child;
    o.log(`api (pid ${api.pid}) starting…`);
    await waitForHttp200(api, `http://127.0.0.1:${apiPort}/readyz`, 90_000);
    apiKey = await readBootstrap(join(dataDir, "bootstrap.json"), api);
    startWorker = async () => {
      const worker = switchyard("worker", ["worker"], o.cores?.apiWorker, { nice: o.apiWorkerNice }).child;
      await waitForHttp200(worker, `http://127.0.0.1:${workerPort}/readyz`, 90_000);
      return worker;
    };
    gateway = switchyard("gateway", ["gateway"], o.cores?.gateway, { nodeOptions: o.gatewayNodeOptions, nodeFlags: o.gatewayNodeFlags });
    o.log(`gateway role alone (pid ${gateway.child.pid}) starting on port ${gatewayPort}…`);
    await waitForHttp200(gateway.child, `http://127.0.0.1:${gatewayPort}/readyz`, 90_000);
  } else {
    gateway = switchyard("switchyard", [], o.cores?.gateway, { nodeOptions: o.gatewayNodeOptions, nodeFlags: o.gatewayNodeFlags });
    o.log(`switchyard, all roles (pid ${gateway.child.pid}), starting with the gateway on port ${gatewayPort}…`);
    await waitForHttp200(gateway.child, `http://127.0.0.1:${gatewayPort}/readyz`, 90_000);
    apiKey = await readBootstrap(join(dataDir, "bootstrap.json"), gateway.child);
  }
  o.log("gateway ready; bootstrap API key read");

  const credited = await grantCredits(db.url, o.credits);
  if (credited === 0) throw new Error('no "CreditBalance" row to credit: did the bootstrap create an organization?');
  o.log(`credited ${credited} organization(s) with ${o.credits}`);

  return {
    mock,
    gateway: gateway.child,
    reference,
    referenceTarget: { label: "reference proxy", origin: referenceOrigin, path: CHAT_PATH, headers: { "content-type": "application/json", authorization: "Bearer sk-bench" } },
    api,
    startWorker,
    mockTarget: { label: "mock direct", origin: mockOrigin, path: CHAT_PATH, headers: { "content-type": "application/json", authorization: "Bearer sk-bench" } },
    gatewayTarget: { label: "via gateway", origin: `http://127.0.0.1:${gatewayPort}`, path: CHAT_PATH, headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` } },
    databaseName: db.name,
    databaseUrl: db.url,
    redisPrefix,
    gatewayCommand: gateway.command,
  };
}

/** One request per target and mode must succeed (200 with a real completion) before anything is measured. */
export async function preflight(targets: Target[], log: (message: string) => void): Promise<void> {
  for (const target of targets) {
    for (const stream of [false, true]) {
      const deadline = Date.now() + 8_000;
      for (;;) {
        const response = await probe(target, chatBody(stream));
        const valid = response.status === 200 && (stream ? response.body.includes("data: [DONE]") : response.body.includes('"choices"'));
        if (valid) break;
        // Credits were granted before any chat request, so the gateway's 5 s balance cache
        // cannot hold a stale "no credit"; should it anyway, a 402 is retried for a while.
        if (response.status === 402 && Date.now() < deadline) {
          await sleep(1_000);
          continue;
        }
        throw new Error(`preflight: ${target.label} ${stream ? "streaming" : "non-streaming"} request answered ${response.status}:\n${response.body.slice(0, 2_000)}`);
      }
      log(`preflight ok: ${target.label}, ${stream ? "streaming" : "non-streaming"}`);
    }
  }
}
