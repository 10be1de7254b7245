// Unexpected errors reach the client as "Unexpected error." only (no stack, SQL, table names,
// file paths or secrets) and reach the operator's log in full; typed errors still come through.
import { createLogger } from "@switchyard/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createControlPlane } from "../yoga.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { mutate, post, type RawResult } from "./support.ts";

let h: ControlPlaneHarness;
let yoga: ReturnType<typeof createControlPlane>;
let logs: string[];
let dbClosed: boolean;

beforeEach(async () => {
  h = await startControlPlaneHarness();
  logs = [];
  dbClosed = false;
  yoga = createControlPlane({ ...h.deps, logger: createLogger({ level: "error", destination: { write: (line: string) => void logs.push(line) } }) });
}, 60_000);

afterEach(async () => {
  // The harness closes the database too; once closed it must not be closed again.
  if (dbClosed) h.db.close = () => Promise.resolve();
  await h.close();
});

const SECRET_PASSWORD = "hunter2-very-secret-password";
/** What must never reach a client in an unexpected error. */
const LEAKS = [/prisma/i, /invocation/i, /pglite/i, /does not exist/i, /\bselect\b|\binsert\b/i, /"?public"?\./i, /\/work\/|node_modules|\.ts:\d+/, /\n\s+at /, /stack/i, /AuditLog|"Project"/, /sy-[a-z0-9]+-/, new RegExp(SECRET_PASSWORD)];

function expectMasked(res: RawResult): void {
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]).toMatchObject({ message: "Unexpected error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
}

function send(query: string, variables: Record<string, unknown> = {}, as?: TestUser): Promise<RawResult> {
  return post(yoga.fetch, { query, variables }, as ? { authorization: as.authorization } : {});
}

async function orgWithProject(owner: TestUser): Promise<{ organizationId: string; projectId: string }> {
  const org = await mutate<{ id: string }>(h, owner, "createOrganization", `mutation { createOrganization(input: { name: "Acme" }) { __typename ... on MutationCreateOrganizationSuccess { data { id } } } }`);
  const project = await mutate<{ id: string }>(
    h,
    owner,
    "createProject",
    `mutation($org: ID!) { createProject(input: { organizationId: $org, name: "Web" }) { __typename ... on MutationCreateProjectSuccess { data { id } } } }`,
    { org: org.id },
  );
  return { organizationId: org.id, projectId: project.id };
}

describe("masked errors", () => {
  it("typed errors keep their message and code", async () => {
    const owner = await h.user();
    const typed = await send(
      `mutation { createOrganization(input: { name: "   " }) { __typename ... on Error { message code } ... on InputError { field } } }`,
      {},
      owner,
    );
    expect(typed.body).toEqual({ data: { createOrganization: { __typename: "InputError", message: "name must not be empty.", code: "BAD_INPUT", field: "name" } } });
    const unauthenticated = await send(`{ organizations { totalCount } }`);
    expect(unauthenticated.body.errors).toMatchObject([{ message: expect.stringMatching(/^Sign in first/), extensions: { code: "UNAUTHENTICATED" } }]);
    expect(logs).toEqual([]);
  });

  it("a database failure inside a query (a missing table) is masked, and logged in full", async () => {
    const owner = await h.user();
    await orgWithProject(owner);
    await h.db.sql.session((s) => s.exec(`DROP TABLE "Project" CASCADE`));
    const res = await send(`{ organizations { nodes { id name projects { nodes { id name } } } } }`, {}, owner);
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expectMasked(res);
    expect(logs.join("\n")).toMatch(/Project` does not exist/);
  });

  it("a failure inside a mutation's transaction is masked and leaves nothing behind (no key is created, none is shown)", async () => {
    const owner = await h.user();
    const { projectId } = await orgWithProject(owner);
    await h.db.sql.session((s) => s.exec(`DROP TABLE "AuditLog" CASCADE`));
    const res = await send(
      `mutation($p: ID!) { createApiKey(input: { projectId: $p, name: "ci" }) { __typename ... on MutationCreateApiKeySuccess { data { key } } ... on Error { message code } } }`,
      { p: projectId },
      owner,
    );
    expect(res.body.data).toBeNull();
    expectMasked(res);
    expect(await h.db.prisma.apiKey.count()).toBe(0);
    expect(logs.join("\n")).toMatch(/AuditLog` does not exist/);
  });

  it("with the database gone, sign-up and authenticated requests fail masked, without echoing the password", async () => {
    const owner = await h.user();
    await h.db.close();
    dbClosed = true;
    const signUp = await send(`mutation($p: String!) { signUp(input: { email: "new@example.com", password: $p }) { __typename ... on Error { message code } } }`, { p: SECRET_PASSWORD });
    expect(signUp.status).toBe(200);
    expect(signUp.body.data).toBeNull();
    expectMasked(signUp);
    // Authentication itself needs the database: the whole request fails, as a server error.
    const viewer = await send(`{ viewer { id } }`, {}, owner);
    expect(viewer.status).toBe(500);
    expectMasked(viewer);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    expect(logs.join("\n")).not.toContain(SECRET_PASSWORD);
  });
});
