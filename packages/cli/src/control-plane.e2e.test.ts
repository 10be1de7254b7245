// The control plane's promise, end to end over HTTP with gateway, api and worker as three
// processes on PostgreSQL: through GraphQL alone a new user signs up, creates an organization,
// a project and an API key, adds a provider key validated against the mock upstream (a bad one
// is refused with a reason), deactivates it and sees hybrid requests fall back to credits while
// byok requests fail within a second, and reads usage totals and the request log.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "@switchyard/core";
import { createTempDatabase, postgresAvailable } from "@switchyard/db/testing";
import { startMockUpstream } from "@switchyard/testing";
import type { BootstrapResult } from "./bootstrap.ts";
import { type CliProcess, freePorts, runCli, waitFor } from "./testing/process.ts";

const HOUSE_KEY = "sk-house-key-00000001";
const OWN_KEY = "sk-own-key-good-0001wxyz";
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

// GraphQL answers are read by path in this test; their shapes are asserted, not typed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Gql = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

function graphql(apiUrl: string, auth: { cookie?: string; bearer?: string }): Gql {
  return async (query, variables = {}) => {
    const res = await fetch(`${apiUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(auth.cookie ? { cookie: auth.cookie } : {}), ...(auth.bearer ? { authorization: `Bearer ${auth.bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Awaited<ReturnType<Gql>>; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!;
  };
}

const pgUp = await postgresAvailable();

describe.runIf(pgUp)("the control plane drives the data plane", () => {
  it("signs up, configures BYOK, and routing follows every change within a second", async () => {
    const mock = await startMockUpstream({ validKeys: [HOUSE_KEY, OWN_KEY] });
    cleanup.push(() => mock.close());
    const dataDir = await mkdtemp(join(tmpdir(), "switchyard-cp-e2e-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const db = await createTempDatabase();
    cleanup.push(() => db.drop());
    const [gatewayPort, apiPort, workerPort] = await freePorts(3);
    const urls = { gateway: `http://127.0.0.1:${gatewayPort}`, api: `http://127.0.0.1:${apiPort}`, worker: `http://127.0.0.1:${workerPort}` };
    const env = {
      SWITCHYARD_DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
      SWITCHYARD_REDIS_PREFIX: `cp-e2e-${randomToken(8)}`,
      SWITCHYARD_HOST: "127.0.0.1",
      GATEWAY_PORT: String(gatewayPort),
      API_PORT: String(apiPort),
      WORKER_PORT: String(workerPort),
      SWITCHYARD_MASTER_KEYS: `1:${Buffer.alloc(32, 9).toString("base64")}`,
      SWITCHYARD_API_KEY_HMAC_SECRET: randomToken(40),
      SWITCHYARD_PROVIDER_OPENAI_BASE_URL: `${mock.url}/v1`,
      SWITCHYARD_PROVIDER_OPENAI_API_KEY: HOUSE_KEY,
    };
    const procs: CliProcess[] = (["worker", "api", "gateway"] as const).map((role) => {
      const proc = runCli(["start", "--role", role], env);
      cleanup.push(() => proc.stop("SIGKILL"));
      return proc;
    });
    const [worker, api, gateway] = procs as [CliProcess, CliProcess, CliProcess];
    await waitFor(`${urls.worker}/readyz`, worker);
    await waitFor(`${urls.api}/readyz`, api);
    await waitFor(`${urls.gateway}/readyz`, gateway);
    const boot = JSON.parse(await readFile(join(dataDir, "bootstrap.json"), "utf8")) as BootstrapResult;
    const operator = graphql(urls.api, { bearer: boot.adminToken });

    // Sign up: the session cookie is httpOnly and SameSite=Strict.
    const signUp = await fetch(`${urls.api}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { signUp(input: { email: "ada@example.com", password: "correct horse battery", name: "Ada" }) { __typename ... on MutationSignUpSuccess { data { user { id email } } } } }` }),
    });
    const setCookie = signUp.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const ada = graphql(urls.api, { cookie: setCookie.split(";")[0]! });

    const org = (await ada(`mutation { createOrganization(input: { name: "Analytical Engines" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`)).createOrganization.data.id as string;
    await operator(`mutation($id: ID!) { grantCredits(input: { organizationId: $id, amount: "5", description: "welcome" }) { __typename } }`, { id: org });
    const project = async (name: string, mode: string) =>
      (await ada(`mutation($input: CreateProjectInput!) { createProject(input: $input) { ... on MutationCreateProjectSuccess { data { id } } } }`, { input: { organizationId: org, name, mode } })).createProject.data.id as string;
    const hybrid = await project("hybrid app", "hybrid");
    const byok = await project("byok app", "credits");
    await ada(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { __typename } }`, { input: { projectId: byok, mode: "byok" } });
    const apiKey = async (projectId: string) =>
      (await ada(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on MutationCreateApiKeySuccess { data { key } } } }`, { input: { projectId, name: "server" } })).createApiKey.data.key as string;
    const hybridKey = await apiKey(hybrid);
    const byokKey = await apiKey(byok);

    // A bad key is refused with a reason; a good one is saved and shown masked.
    const rejected = await ada(`mutation($input: AddProviderKeyInput!) { addProviderKey(input: $input) { __typename ... on KeyRejectedError { reason message } } }`, {
      input: { organizationId: org, providerId: "openai", secret: "sk-not-a-real-key-0000" },
    });
    expect(rejected.addProviderKey).toMatchObject({ __typename: "KeyRejectedError", reason: "INVALID_KEY" });
    const added = await ada(`mutation($input: AddProviderKeyInput!) { addProviderKey(input: $input) { ... on MutationAddProviderKeySuccess { data { id masked status } } } }`, {
      input: { organizationId: org, providerId: "openai", secret: OWN_KEY },
    });
    expect(added.addProviderKey.data).toMatchObject({ masked: "••••wxyz", status: "active" });

    const chat = (key: string) =>
      fetch(`${urls.gateway}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }),
      });
    const lastKeyUsed = () => mock.requests.at(-1)!.headers.authorization;
    expect((await chat(hybridKey)).status).toBe(200);
    expect(lastKeyUsed()).toBe(`Bearer ${OWN_KEY}`);
    expect((await chat(byokKey)).status).toBe(200);
    expect(lastKeyUsed()).toBe(`Bearer ${OWN_KEY}`);

    // Deactivate: the byok project is named as affected; every gateway follows within a second.
    const off = await ada(`mutation($id: ID!) { deactivateProviderKey(providerKeyId: $id) { ... on MutationDeactivateProviderKeySuccess { data { affectedProjects { id } } } } }`, { id: added.addProviderKey.data.id });
    expect(off.deactivateProviderKey.data.affectedProjects).toEqual([{ id: byok }]);
    const changedAt = Date.now();
    let byokStatus = 0;
    while (Date.now() - changedAt < 1000) {
      byokStatus = (await chat(byokKey)).status;
      if (byokStatus === 400) break;
    }
    expect(byokStatus).toBe(400);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    const refused = (await (await chat(byokKey)).json()) as { error: { code: string; message: string } };
    expect(refused.error.code).toBe("provider_key_required");
    expect((await chat(hybridKey)).status).toBe(200);
    expect(lastKeyUsed()).toBe(`Bearer ${HOUSE_KEY}`);

    // A mode change too: the byok project switched to credits is served on the house key.
    await ada(`mutation($input: UpdateProjectInput!) { updateProject(input: $input) { __typename } }`, { input: { projectId: byok, mode: "credits" } });
    const switchedAt = Date.now();
    let switched = 0;
    while (Date.now() - switchedAt < 1000 && switched !== 200) switched = (await chat(byokKey)).status;
    expect(switched).toBe(200);
    expect(lastKeyUsed()).toBe(`Bearer ${HOUSE_KEY}`);

    // Revoking an API key also reaches the gateway within a second.
    const keys = await ada(`query($id: ID!) { project(id: $id) { apiKeys { nodes { id } } } }`, { id: hybrid });
    await ada(`mutation($id: ID!) { revokeApiKey(apiKeyId: $id) { __typename } }`, { id: keys.project.apiKeys.nodes[0].id });
    const revokedAt = Date.now();
    let status = 0;
    while (Date.now() - revokedAt < 1000 && status !== 401) status = (await chat(hybridKey)).status;
    expect(status).toBe(401);

    // Usage: the four served requests (two with the own key, two on credits) reach the worker's
    // rollups and the request log, read back through GraphQL. Refused requests bill nothing.
    const usage = async () =>
      (await ada(`query($input: UsageInput!) { usage(input: $input) { totals { requests costPaidWithCredits costWithOwnKeys } } }`, {
        input: { organizationId: org, from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString(), bucket: "HOUR" },
      })).usage.totals as { requests: number; costPaidWithCredits: string; costWithOwnKeys: string };
    await expect.poll(async () => (await usage()).requests, { timeout: 15_000 }).toBe(4);
    const totals = await usage();
    expect(Number(totals.costPaidWithCredits)).toBeGreaterThan(0);
    expect(Number(totals.costWithOwnKeys)).toBeGreaterThan(0);
    const log = await ada(`query($org: ID!) { requestLog(organizationId: $org, first: 50) { nodes { projectId keySource status httpStatus } } }`, { org });
    const rows = log.requestLog.nodes as Array<{ projectId: string; keySource: string; status: string; httpStatus: number }>;
    expect(rows.map((r) => [r.projectId, r.keySource, r.status]).sort()).toEqual(
      [
        [byok, "byok", "success"],
        [byok, "credits", "success"],
        [hybrid, "byok", "success"],
        [hybrid, "credits", "success"],
      ].sort(),
    );

    for (const p of procs) expect((await p.stop()).code).toBe(0);
  }, 300_000);
});
