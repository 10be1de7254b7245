// The audit log: an organization's admins and owners read its entries (newest first, filtered,
// paged); members are refused, outsiders see nothing; operators read across tenants.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@switchyard/core";
import { orgWith } from "../credits/test-fixtures.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let operator: TestUser;
let owner: TestUser;
let admin: TestUser;
let member: TestUser;
let outsider: TestUser;
let orgId: string;
let otherOrgId: string;

const day = (d: number) => new Date(Date.UTC(2026, 2, d, 9));

beforeAll(async () => {
  h = await startControlPlaneHarness();
  [operator, owner, admin, member, outsider] = await Promise.all([h.user({ operator: true }), h.user(), h.user(), h.user(), h.user()]);
  orgId = await orgWith(h, [[owner, "owner"], [admin, "admin"], [member, "member"]]);
  otherOrgId = await orgWith(h, [[outsider, "owner"]]);
  const entry = (organizationId: string | null, action: string, d: number, actorId: string | null = owner.id) => ({
    id: newId("aud"),
    organizationId,
    actorType: "user",
    actorId,
    action,
    targetType: "project",
    targetId: "prj_x",
    metadata: { name: `${action} ${d}` },
    createdAt: day(d),
  });
  await h.db.prisma.auditLog.createMany({
    data: [
      entry(orgId, "project.create", 1),
      entry(orgId, "api_key.create", 2),
      entry(orgId, "api_key.revoke", 3, null),
      entry(orgId, "api_key.create", 4, "usr_deleted"),
      entry(otherOrgId, "project.create", 2, outsider.id),
      entry(null, "price_override.set", 5, operator.id),
    ],
  });
}, 60_000);

afterAll(() => h.close());

const ORG_LOG = `query($id: ID!, $action: String, $from: DateTime, $to: DateTime, $first: Int, $after: String) { organization(id: $id) { id
  auditLog(action: $action, from: $from, to: $to, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { id action actorType actorId actor { id email } organizationId targetType targetId metadata createdAt } } } }`;
const ALL_LOG = `query($organizationId: ID, $action: String) { auditLog(organizationId: $organizationId, action: $action, first: 100) { nodes { action organizationId } } }`;

interface Entry {
  action: string;
  actorId: string | null;
  actor: { id: string; email: string } | null;
  metadata: { name: string };
  createdAt: string;
}
interface Log {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string };
  nodes: Entry[];
}
type OrgLog = { organization: { id: string; auditLog: Log | null } | null };

describe("Organization.auditLog", () => {
  it("shows admins and owners the organization's entries, newest first, with the acting user", async () => {
    for (const who of [admin, owner]) {
      const res = await h.gql<OrgLog>(ORG_LOG, { id: orgId }, who);
      expect(res.errors).toBeUndefined();
      const log = res.data.organization!.auditLog!;
      expect(log.totalCount).toBe(4);
      expect(log.nodes.map((n) => n.action)).toEqual(["api_key.create", "api_key.revoke", "api_key.create", "project.create"]);
      expect(log.nodes[0]).toMatchObject({ actorId: "usr_deleted", actor: null, metadata: { name: "api_key.create 4" }, createdAt: day(4).toISOString() });
      expect(log.nodes[1]).toMatchObject({ actorId: null, actor: null });
      expect(log.nodes[3]!.actor).toEqual({ id: owner.id, email: owner.email });
    }
  });

  it("filters by action and date and pages", async () => {
    const byAction = await h.gql<OrgLog>(ORG_LOG, { id: orgId, action: "api_key.create" }, admin);
    expect(byAction.data.organization!.auditLog!.nodes.map((n) => n.metadata.name)).toEqual(["api_key.create 4", "api_key.create 2"]);
    const window = await h.gql<OrgLog>(ORG_LOG, { id: orgId, from: day(2).toISOString(), to: day(4).toISOString() }, admin);
    expect(window.data.organization!.auditLog!.nodes.map((n) => n.action)).toEqual(["api_key.revoke", "api_key.create"]);
    const page1 = (await h.gql<OrgLog>(ORG_LOG, { id: orgId, first: 3 }, admin)).data.organization!.auditLog!;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await h.gql<OrgLog>(ORG_LOG, { id: orgId, first: 3, after: page1.pageInfo.endCursor }, admin)).data.organization!.auditLog!;
    expect(page2.nodes.map((n) => n.action)).toEqual(["project.create"]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it("refuses members (Forbidden) and shows outsiders nothing", async () => {
    const asMember = await h.gql<OrgLog>(ORG_LOG, { id: orgId }, member);
    expect(asMember.data.organization).toMatchObject({ id: orgId, auditLog: null });
    expect(asMember.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const asOutsider = await h.gql<OrgLog>(ORG_LOG, { id: orgId }, outsider);
    expect(asOutsider.data.organization).toBeNull();
  });

  it("records real mutations (e.g. a project created through GraphQL)", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const created = await h.gql<{ createProject: { data: { id: string } } }>(`mutation($o: ID!) { createProject(input: { organizationId: $o, name: "Audited" }) { ... on MutationCreateProjectSuccess { data { id } } } }`, { o: orgId }, admin);
    expect(created.data.createProject.data.id).toMatch(/^prj_/);
    const log = (await h.gql<OrgLog>(ORG_LOG, { id: orgId, action: "project.create", from: since }, owner)).data.organization!.auditLog!;
    expect(log.nodes).toHaveLength(1);
    expect(log.nodes[0]).toMatchObject({ actorId: admin.id, actor: { id: admin.id }, metadata: { name: "Audited" } });
  });
});

describe("auditLog (operators)", () => {
  it("lists every tenant's entries and the deployment-wide ones, filtered by organization", async () => {
    const all = await h.gql<{ auditLog: { nodes: Array<{ action: string; organizationId: string | null }> } }>(ALL_LOG, {}, operator);
    const orgs = new Set(all.data.auditLog.nodes.map((n) => n.organizationId));
    expect(orgs.has(orgId) && orgs.has(otherOrgId) && orgs.has(null)).toBe(true);
    const one = await h.gql<{ auditLog: { nodes: Array<{ organizationId: string }> } }>(ALL_LOG, { organizationId: otherOrgId }, operator);
    expect(one.data.auditLog.nodes).toEqual([{ action: "project.create", organizationId: otherOrgId }]);
    const viaOrg = await h.gql<OrgLog>(ORG_LOG, { id: orgId }, operator);
    expect(viaOrg.data.organization!.auditLog!.totalCount).toBeGreaterThanOrEqual(4);
  });

  it("is refused to everyone else", async () => {
    for (const who of [owner, member]) expect((await h.gql(ALL_LOG, {}, who)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await h.gql(ALL_LOG, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
