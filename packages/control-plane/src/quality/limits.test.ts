// Query limits: too deep, too costly, too many aliases and too large pages are refused with a
// clear request error (200 under application/json, 400 under application/graphql-response+json);
// the queries a dashboard really sends pass.
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builder } from "../builder.ts";
import { DEFAULT_PAGE_SIZE, MAX_ALIASES, MAX_COST, MAX_DEPTH, MAX_PAGE_SIZE } from "../graph/limits.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { post, seedOrganization, type RawResult, type SeededOrg } from "./support.ts";

let h: ControlPlaneHarness;
let owner: TestUser;
let seeded: SeededOrg;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  owner = await h.user();
  seeded = await seedOrganization(h, owner, "Acme", 3, 2);
  await seedOrganization(h, owner, "Globex", 1, 1);
}, 60_000);

afterAll(() => h.close());

const GRAPHQL_RESPONSE = "application/graphql-response+json";

function send(query: string, variables: Record<string, unknown> = {}, accept = "application/json"): Promise<RawResult> {
  return post(h.yoga.fetch, { query, variables }, { authorization: owner.authorization, accept });
}

/** A refused request: no data, one error with the message, code GRAPHQL_VALIDATION_FAILED. */
async function expectRefused(query: string, variables: Record<string, unknown>, message: RegExp): Promise<void> {
  for (const [accept, status] of [["application/json", 200], [GRAPHQL_RESPONSE, 400]] as const) {
    const res = await send(query, variables, accept);
    expect(res.status, `${accept}: ${res.text}`).toBe(status);
    expect(res.body.data ?? undefined).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.message).toMatch(message);
    expect(res.body.errors![0]!.extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
    expect(res.text).not.toMatch(/Syntax Error|stack/);
  }
}

const DASHBOARD = `query Dashboard($projects: Int, $keys: Int) {
  viewer { id email memberships { role organization { id name createdAt
    projects(first: $projects) { totalCount pageInfo { hasNextPage endCursor } nodes { id name mode allowCreditsFallback createdAt
      apiKeys(first: $keys) { totalCount pageInfo { hasNextPage endCursor } nodes { id name masked status expired createdAt lastUsedAt expiresAt } } } } } } } }`;

interface Dashboard {
  viewer: { memberships: Array<{ organization: { name: string; projects: { totalCount: number; nodes: Array<{ apiKeys: { totalCount: number; nodes: unknown[] } }> } } }> };
}

describe("ordinary queries pass", () => {
  it("the page sizes enforced are the builder's connection sizes", () => {
    expect(builder.options.prisma).toMatchObject({ maxConnectionSize: MAX_PAGE_SIZE, defaultConnectionSize: DEFAULT_PAGE_SIZE });
  });

  it.each([
    { label: "default page sizes", variables: {} },
    { label: "explicit default page sizes", variables: { projects: DEFAULT_PAGE_SIZE, keys: DEFAULT_PAGE_SIZE } },
  ])("the dashboard overview (viewer → memberships → organization → projects → apiKeys), $label", async ({ variables }) => {
    const res = await send(DASHBOARD, variables);
    expect(res.body.errors).toBeUndefined();
    const orgs = (res.body.data as unknown as Dashboard).viewer.memberships.map((m) => m.organization);
    expect(orgs.map((o) => o.name)).toEqual(["Acme", "Globex"]);
    expect(orgs[0]!.projects.totalCount).toBe(3);
    expect(orgs[0]!.projects.nodes.map((p) => p.apiKeys.nodes.length)).toEqual([2, 2, 2]);
  });

  it("a full page of API keys, the largest page allowed", async () => {
    const res = await send(
      `query($id: ID!) { project(id: $id) { id name apiKeys(first: ${MAX_PAGE_SIZE}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name masked status expired createdAt lastUsedAt expiresAt revokedAt } } } } }`,
      { id: seeded.projectIds[0] },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({ project: { apiKeys: { totalCount: 2 } } });
  });

  it(`${MAX_ALIASES} aliases`, async () => {
    const res = await send(`{ ${Array.from({ length: MAX_ALIASES }, (_, i) => `v${i}: viewer { id }`).join(" ")} }`);
    expect(res.body.errors).toBeUndefined();
    expect(Object.keys(res.body.data!)).toHaveLength(MAX_ALIASES);
  });

  it("introspection, however deep (the standard introspection query, as codegen sends it)", async () => {
    const deep = `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }`;
    expect((await send(deep)).body.errors).toBeUndefined();
    const full = await send(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(full.body.errors).toBeUndefined();
    expect(full.body.data).toHaveProperty("__schema.queryType.name", "Query");
  });
});

describe("abusive queries are refused before any resolver runs", () => {
  it(`deeper than ${MAX_DEPTH} levels`, async () => {
    const deep = `{ viewer { memberships { organization { projects { nodes { apiKeys { nodes { project { organization { projects { nodes { id } } } } } } } } } } } }`;
    await expectRefused(deep, {}, new RegExp(`^Query depth limit of ${MAX_DEPTH} exceeded, found 12\\.$`));
  });

  it(`more than ${MAX_ALIASES} aliases`, async () => {
    const many = `{ ${Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `v${i}: viewer { id }`).join(" ")} }`;
    await expectRefused(many, {}, new RegExp(`^Aliases limit of ${MAX_ALIASES} exceeded, found ${MAX_ALIASES + 1}\\.$`));
  });

  const cost = new RegExp(`^Query Cost limit of ${MAX_COST} exceeded, found \\d+\\. Ask for smaller pages`);
  const NESTED = `query($orgs: Int, $projects: Int, $keys: Int) { organizations(first: $orgs) { nodes { id projects(first: $projects) { nodes { id apiKeys(first: $keys) { nodes { id name masked } } } } } } }`;

  it("over the cost limit with literal page sizes", async () => {
    await expectRefused(`{ organizations(first: 100) { nodes { id projects(first: 100) { nodes { id name } } } } }`, {}, cost);
  });

  it("over the cost limit with page sizes in variables (each within the page size limit)", async () => {
    await expectRefused(NESTED, { orgs: 50, projects: 50, keys: 50 }, cost);
  });

  it("over the cost limit with default page sizes three connections deep", async () => {
    await expectRefused(NESTED, {}, cost);
  });

  it("the same nesting passes with small pages", async () => {
    const res = await send(NESTED, { orgs: 5, projects: 5, keys: 5 });
    expect(res.body.errors).toBeUndefined();
  });

  it("a mutation whose selection is refused does not run", async () => {
    const before = await h.db.prisma.organization.count();
    await expectRefused(
      `mutation { createOrganization(input: { name: "Never" }) { ... on MutationCreateOrganizationSuccess { data { id projects(first: 1000) { nodes { id } } } } } }`,
      {},
      /^`first` may be at most 100 \(got 1000\)/,
    );
    expect(await h.db.prisma.organization.count()).toBe(before);
  });

  it.each([
    { label: "literal first", query: `{ organizations(first: 1000) { nodes { id } } }`, variables: {}, arg: "first", got: 1000 },
    { label: "literal last", query: `{ organizations(last: 101) { nodes { id } } }`, variables: {}, arg: "last", got: 101 },
    { label: "first in a variable", query: `query($n: Int) { organizations(first: $n) { nodes { id } } }`, variables: { n: 1000 }, arg: "first", got: 1000 },
    { label: "variable default", query: `query($n: Int = 500) { organizations(first: $n) { nodes { id } } }`, variables: {}, arg: "first", got: 500 },
    { label: "nested connection", query: `query($id: ID!) { project(id: $id) { apiKeys(first: 101) { nodes { id } } } }`, variables: { id: "prj_x" }, arg: "first", got: 101 },
  ])("a page of $got ($label)", async ({ query, variables, arg, got }) => {
    await expectRefused(query, variables, new RegExp(`^\`${arg}\` may be at most ${MAX_PAGE_SIZE} \\(got ${got}\\): page through longer lists`));
  });
});
