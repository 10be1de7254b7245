// Tenant isolation: a user of one organization can never read or change another's objects, even
// by guessing ids: every query answers null or not found, every mutation NotFoundError, and the
// other organization's rows stay as they were. The table must name every mutation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_KEYS, startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let alice: TestUser;
let bob: TestUser;
const b: Record<string, string> = {};

type Call = [document: string, variables: () => Record<string, unknown>];

// Mutations that touch no organization's objects: they act on the caller's own account.
const ACCOUNT_SCOPED = ["signUp", "signIn", "signOut", "setPassword", "createOrganization", "createAccessToken"];

const CALLS: Record<string, Call> = {
  renameOrganization: ["mutation($v: RenameOrganizationInput!) { r: renameOrganization(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, name: "mine now" } })],
  deleteOrganization: ["mutation($v: ID!) { r: deleteOrganization(organizationId: $v) { __typename } }", () => ({ v: b.org })],
  addMember: ["mutation($v: AddMemberInput!) { r: addMember(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, email: alice.email, role: "owner" } })],
  changeMemberRole: ["mutation($v: ChangeMemberRoleInput!) { r: changeMemberRole(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, userId: bob.id, role: "viewer" } })],
  removeMember: ["mutation($v: RemoveMemberInput!) { r: removeMember(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, userId: bob.id } })],
  createProject: ["mutation($v: CreateProjectInput!) { r: createProject(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, name: "intruder" } })],
  updateProject: ["mutation($v: UpdateProjectInput!) { r: updateProject(input: $v) { __typename } }", () => ({ v: { projectId: b.project, mode: "credits" } })],
  archiveProject: ["mutation($v: ID!) { r: archiveProject(projectId: $v) { __typename } }", () => ({ v: b.project })],
  createApiKey: ["mutation($v: CreateApiKeyInput!) { r: createApiKey(input: $v) { __typename } }", () => ({ v: { projectId: b.project, name: "stolen" } })],
  renameApiKey: ["mutation($v: RenameApiKeyInput!) { r: renameApiKey(input: $v) { __typename } }", () => ({ v: { apiKeyId: b.apiKey, name: "x" } })],
  revokeApiKey: ["mutation($v: ID!) { r: revokeApiKey(apiKeyId: $v) { __typename } }", () => ({ v: b.apiKey })],
  revokeAccessToken: ["mutation($v: ID!) { r: revokeAccessToken(id: $v) { __typename } }", () => ({ v: b.accessToken })],
  addProviderKey: ["mutation($v: AddProviderKeyInput!) { r: addProviderKey(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, providerId: "groq", secret: GOOD_KEYS[1] } })],
  replaceProviderKey: ["mutation($v: ReplaceProviderKeyInput!) { r: replaceProviderKey(input: $v) { __typename } }", () => ({ v: { providerKeyId: b.providerKey, secret: GOOD_KEYS[1] } })],
  deactivateProviderKey: ["mutation($v: ID!) { r: deactivateProviderKey(providerKeyId: $v) { __typename } }", () => ({ v: b.providerKey })],
  reactivateProviderKey: ["mutation($v: ID!) { r: reactivateProviderKey(providerKeyId: $v) { __typename } }", () => ({ v: b.providerKey })],
  deleteProviderKey: ["mutation($v: ID!) { r: deleteProviderKey(providerKeyId: $v) { __typename } }", () => ({ v: b.providerKey })],
  addCustomProvider: [
    "mutation($v: AddCustomProviderInput!) { r: addCustomProvider(input: $v) { __typename } }",
    () => ({ v: { organizationId: b.org, slug: "evil", name: "x", baseUrl: `${h.mock.url}/v1`, models: ["m"], secret: GOOD_KEYS[1] } }),
  ],
  updateCustomProvider: ["mutation($v: UpdateCustomProviderInput!) { r: updateCustomProvider(input: $v) { __typename } }", () => ({ v: { customProviderId: b.customProvider, models: ["x"] } })],
  deleteCustomProvider: ["mutation($v: ID!) { r: deleteCustomProvider(customProviderId: $v) { __typename } }", () => ({ v: b.customProvider })],
  grantCredits: ["mutation($v: GrantCreditsInput!) { r: grantCredits(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, amount: "100" } })],
  adjustCredits: ["mutation($v: AdjustCreditsInput!) { r: adjustCredits(input: $v) { __typename } }", () => ({ v: { organizationId: b.org, amount: "-1", description: "x" } })],
  setPriceOverride: [
    "mutation($v: SetPriceOverrideInput!) { r: setPriceOverride(input: $v) { __typename } }",
    () => ({ v: { providerId: "openai", model: "gpt-4o-mini", inputPerMTok: "0", outputPerMTok: "0", effectiveFrom: new Date().toISOString() } }),
  ],
  deletePriceOverride: ["mutation($v: ID!) { r: deletePriceOverride(id: $v) { __typename } }", () => ({ v: b.priceOverride })],
};

/** Operator-only mutations on no organization: a tenant is refused as forbidden. (Operator-only
 * mutations on an organization, like grantCredits, answer not found to outsiders.) */
const OPERATOR_ONLY = new Set(["setPriceOverride", "deletePriceOverride"]);

async function snapshot(): Promise<string> {
  const p = h.db.prisma;
  const where = { organizationId: b.org };
  return JSON.stringify(
    await Promise.all([
      p.organization.findUnique({ where: { id: b.org } }),
      p.membership.findMany({ where, orderBy: { id: "asc" } }),
      p.project.findMany({ where, orderBy: { id: "asc" } }),
      p.apiKey.findMany({ where, orderBy: { id: "asc" } }),
      p.providerKey.findMany({ where, orderBy: { id: "asc" } }),
      p.customProvider.findMany({ where, orderBy: { id: "asc" } }),
      p.creditBalance.findUnique({ where }),
      p.creditLedgerEntry.count({ where }),
      p.accessToken.findMany({ where: { userId: bob.id }, orderBy: { id: "asc" } }),
      p.modelPriceOverride.findMany({ orderBy: { id: "asc" } }),
    ]),
  );
}

beforeAll(async () => {
  h = await startControlPlaneHarness();
  [alice, bob] = [await h.user(), await h.user()];
  const gql = async (user: TestUser, q: string, v: Record<string, unknown> = {}) => {
    const res = await h.gql<Record<string, { data: Record<string, string> }>>(q, v, user);
    const [field] = Object.values(res.data);
    return field!.data;
  };
  await gql(alice, `mutation { createOrganization(input: { name: "A" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`);
  b.org = (await gql(bob, `mutation { createOrganization(input: { name: "B" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`)).id!;
  b.project = (await gql(bob, `mutation($o: ID!) { createProject(input: { organizationId: $o, name: "b", mode: byok }) { ... on MutationCreateProjectSuccess { data { id } } } }`, { o: b.org })).id!;
  b.apiKey = (await gql(bob, `mutation($p: ID!) { createApiKey(input: { projectId: $p, name: "k" }) { ... on MutationCreateApiKeySuccess { data { apiKey { id } } } } }`, { p: b.project })).apiKey as unknown as string;
  b.apiKey = (b.apiKey as unknown as { id: string }).id;
  b.providerKey = (await gql(bob, `mutation($o: ID!) { addProviderKey(input: { organizationId: $o, providerId: "openai", secret: "${GOOD_KEYS[0]}" }) { ... on MutationAddProviderKeySuccess { data { id } } } }`, { o: b.org })).id!;
  b.customProvider = (
    await gql(bob, `mutation($v: AddCustomProviderInput!) { addCustomProvider(input: $v) { ... on MutationAddCustomProviderSuccess { data { id } } } }`, {
      v: { organizationId: b.org, slug: "lab", name: "Lab", baseUrl: `${h.mock.url}/v1`, models: ["m"], secret: GOOD_KEYS[2] },
    })
  ).id!;
  b.accessToken = (await h.db.prisma.accessToken.findFirstOrThrow({ where: { userId: bob.id } })).id;
  const operator = await h.user({ operator: true });
  const override = await h.gql<{ setPriceOverride: { data: { id: string } } }>(
    `mutation($v: SetPriceOverrideInput!) { setPriceOverride(input: $v) { ... on MutationSetPriceOverrideSuccess { data { id } } } }`,
    { v: { providerId: "openai", model: "gpt-4o-mini", inputPerMTok: "1", outputPerMTok: "2", effectiveFrom: "2026-01-01T00:00:00Z" } },
    operator,
  );
  b.priceOverride = override.data.setPriceOverride.data.id;
}, 60_000);

afterAll(() => h.close());

describe("tenant isolation", () => {
  it("the table covers every mutation of the schema", async () => {
    const res = await h.gql<{ __schema: { mutationType: { fields: Array<{ name: string }> } } }>("{ __schema { mutationType { fields { name } } } }");
    const all = res.data.__schema.mutationType.fields.map((f) => f.name).sort();
    expect([...Object.keys(CALLS), ...ACCOUNT_SCOPED].sort()).toEqual(all);
  });

  it.each(Object.entries(CALLS))("%s with another organization's ids: not found (or forbidden for operator-only), nothing changes", async (name, [document, variables]) => {
    const before = await snapshot();
    const res = await h.gql<{ r: { __typename: string } }>(document, variables(), alice);
    expect(res.errors).toBeUndefined();
    expect(res.data.r.__typename).toBe(OPERATOR_ONLY.has(name) ? "ForbiddenError" : "NotFoundError");
    expect(await snapshot()).toBe(before);
  });

  it("queries by another organization's ids answer null or not found", async () => {
    const one = async (document: string, variables: Record<string, unknown>) => h.gql<Record<string, unknown>>(document, variables, alice);
    expect((await one("query($id: ID!) { organization(id: $id) { id } }", { id: b.org })).data.organization).toBeNull();
    expect((await one("query($id: ID!) { project(id: $id) { id } }", { id: b.project })).data.project).toBeNull();
    const models = await one("query($id: ID!) { models(projectId: $id, first: 1) { nodes { id } } }", { id: b.project });
    expect(models.data.models ?? null).toBeNull();
    const usage = await one("query($v: UsageInput!) { usage(input: $v) { totals { requests } } }", { v: { organizationId: b.org, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z" } });
    expect(usage.data.usage).toBeNull();
    expect(usage.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const log = await one("query($id: ID!) { requestLog(organizationId: $id, first: 5) { nodes { requestId } } }", { id: b.org });
    expect(log.data.requestLog).toBeNull();
    expect(log.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const audit = await one("query($id: ID!) { auditLog(organizationId: $id, first: 5) { nodes { id } } }", { id: b.org });
    expect(JSON.stringify(audit.data ?? {})).not.toContain("provider_key");
    const mine = await one("{ organizations(first: 10) { nodes { id } } viewer { memberships { organization { id } } } }", {});
    expect(JSON.stringify(mine.data)).not.toContain(b.org);
  });

  it("a subscription to another organization's project is refused", async () => {
    const res = await h.yoga.fetch("http://api.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: alice.authorization },
      body: JSON.stringify({ query: "subscription($id: ID!) { requestCompleted(projectId: $id) { requestId } }", variables: { id: b.project } }),
    });
    const text = await res.text();
    expect(text).toContain("NOT_FOUND");
    expect(text).not.toContain("requestId\":\"");
  });
});
