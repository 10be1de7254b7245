// The api role end to end over real HTTP: `switchyard start --role api` on PostgreSQL (or every
// role in one process on PGlite when no PostgreSQL is reachable), driven like a browser would:
// sign up → session cookie → organization → project → API key → dashboard → sign out.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "@switchyard/core";
import { createTempDatabase, postgresAvailable } from "@switchyard/db/testing";
import { type CliProcess, freePorts, runCli, waitFor } from "./testing/process.ts";

const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
});

const pgUp = await postgresAvailable();

interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

/** A browser-like client: keeps the session cookie the API sets, sends JSON POSTs. */
function client(graphqlUrl: string) {
  let cookie: string | undefined;
  return {
    cookie: () => cookie,
    async request(init: RequestInit & { url?: string }): Promise<{ status: number; body: GqlBody; setCookie: string | null }> {
      const res = await fetch(init.url ?? graphqlUrl, { ...init, headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) } });
      const setCookie = res.headers.get("set-cookie");
      if (setCookie) cookie = setCookie.split(";")[0];
      return { status: res.status, body: (await res.json()) as GqlBody, setCookie };
    },
    async gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const res = await this.request({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
      expect(res.status).toBe(200);
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      return res.body.data as T;
    },
  };
}

async function startApi(): Promise<{ proc: CliProcess; api: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), "switchyard-api-e2e-"));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const [gateway, api, worker] = await freePorts(3);
  const env: Record<string, string> = {
    SWITCHYARD_DATA_DIR: dataDir,
    REDIS_URL: redisUrl,
    SWITCHYARD_REDIS_PREFIX: `test-${randomToken(8)}`,
    GATEWAY_PORT: String(gateway),
    API_PORT: String(api),
    WORKER_PORT: String(worker),
    SWITCHYARD_HOST: "127.0.0.1",
    SWITCHYARD_BOOTSTRAP: "false",
  };
  let args = ["start"];
  if (pgUp) {
    const db = await createTempDatabase();
    cleanup.push(() => db.drop());
    Object.assign(env, { DATABASE_URL: db.url, SWITCHYARD_MASTER_KEYS: `1:${Buffer.alloc(32, 5).toString("base64")}`, SWITCHYARD_API_KEY_HMAC_SECRET: randomToken(40) });
    args = ["start", "--role", "api"];
  }
  const proc = runCli(args, env);
  cleanup.push(() => proc.stop("SIGKILL"));
  const url = `http://127.0.0.1:${api}`;
  await waitFor(`${url}/readyz`, proc);
  return { proc, api: url };
}

describe(`the api role over HTTP (${pgUp ? "start --role api on PostgreSQL" : "start on PGlite"})`, () => {
  it("sign-up → createOrganization → createProject → createApiKey with a cookie session, then sign-out", async () => {
    const { proc, api } = await startApi();
    const browser = client(`${api}/graphql`);

    const signUp = await browser.request({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation($input: SignUpInput!) { signUp(input: $input) { __typename ... on Error { message } ... on MutationSignUpSuccess { data { user { id email } } } } }`,
        variables: { input: { email: "Ada@Example.com", password: "correct horse battery staple", name: "Ada" } },
      }),
    });
    expect(signUp.body.data).toMatchObject({ signUp: { __typename: "MutationSignUpSuccess", data: { user: { email: "ada@example.com" } } } });
    expect(signUp.setCookie).toMatch(/^sy_session=sys_[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const userId = (signUp.body.data as { signUp: { data: { user: { id: string } } } }).signUp.data.user.id;

    const org = await browser.gql<{ createOrganization: { __typename: string; data: { id: string; name: string } } }>(
      `mutation { createOrganization(input: { name: "Analytical Engines" }) { __typename ... on Error { message } ... on MutationCreateOrganizationSuccess { data { id name } } } }`,
    );
    expect(org.createOrganization).toMatchObject({ __typename: "MutationCreateOrganizationSuccess", data: { name: "Analytical Engines" } });
    const organizationId = org.createOrganization.data.id;

    const project = await browser.gql<{ createProject: { __typename: string; data: { id: string; mode: string } } }>(
      `mutation($org: ID!) { createProject(input: { organizationId: $org, name: "Difference", mode: byok }) { __typename ... on Error { message } ... on MutationCreateProjectSuccess { data { id mode } } } }`,
      { org: organizationId },
    );
    expect(project.createProject).toMatchObject({ __typename: "MutationCreateProjectSuccess", data: { mode: "byok" } });
    const projectId = project.createProject.data.id;

    const key = await browser.gql<{ createApiKey: { __typename: string; data: { key: string; apiKey: { id: string; masked: string; status: string; project: { id: string } } } } }>(
      `mutation($project: ID!) { createApiKey(input: { projectId: $project, name: "ci" }) { __typename ... on Error { message } ... on MutationCreateApiKeySuccess { data { key apiKey { id masked status project { id } } } } } }`,
      { project: projectId },
    );
    expect(key.createApiKey.__typename).toBe("MutationCreateApiKeySuccess");
    const { key: secret, apiKey } = key.createApiKey.data;
    expect(secret.startsWith(`${apiKey.masked.split("-••••")[0]}-`)).toBe(true);
    expect(apiKey).toMatchObject({ status: "active", project: { id: projectId } });
    expect(apiKey.masked).toMatch(new RegExp(`••••${secret.slice(-4)}$`));

    // The dashboard reads it back; the secret is never shown again.
    const dashboard = await browser.request({
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ viewer { id memberships { role organization { id projects { totalCount nodes { id apiKeys { totalCount nodes { id masked } } } } } } } }` }),
    });
    expect(dashboard.body).toEqual({
      data: { viewer: { id: userId, memberships: [{ role: "owner", organization: { id: organizationId, projects: { totalCount: 1, nodes: [{ id: projectId, apiKeys: { totalCount: 1, nodes: [{ id: apiKey.id, masked: apiKey.masked }] } }] } } }] } },
    });

    // The cookie does not count on a cross-site form post.
    const form = await browser.request({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ query: "{ viewer { id } }" }).toString() });
    expect(form.body).toEqual({ data: { viewer: null } });

    const signOut = await browser.request({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: `mutation { signOut { __typename } }` }) });
    expect(signOut.body).toEqual({ data: { signOut: { __typename: "MutationSignOutSuccess" } } });
    expect(signOut.setCookie).toMatch(/^sy_session=; .*Max-Age=0/);
    const stale = await fetch(`${api}/graphql`, { method: "POST", headers: { "content-type": "application/json", cookie: `sy_session=${signUp.setCookie!.split(";")[0]!.split("=")[1]}` }, body: JSON.stringify({ query: "{ viewer { id } }" }) });
    expect(await stale.json()).toEqual({ data: { viewer: null } });

    // Nothing secret reached the process's logs.
    const sessionToken = signUp.setCookie!.split(";")[0]!.split("=")[1]!;
    for (const secretText of [secret, sessionToken, "correct horse battery staple"]) expect(proc.output()).not.toContain(secretText);
    expect((await proc.stop("SIGTERM")).code).toBe(0);
  }, 300_000);
});
