// Roles inside one organization: viewer reads, member uses and reads, admin manages keys and
// projects, owner manages members and deletes; the last owner stays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOOD_KEYS, startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let owner: TestUser;
const as: Record<"viewer" | "member" | "admin", TestUser> = {} as never;
let org: string;
let project: string;

const typename = async (user: TestUser, document: string, variables: Record<string, unknown> = {}) => {
  const res = await h.gql<{ r: { __typename: string; message?: string } }>(document, variables, user);
  return res.data.r.__typename;
};
const CREATE_PROJECT = "mutation($o: ID!) { r: createProject(input: { organizationId: $o, name: \"p\" }) { __typename } }";
const CREATE_KEY = "mutation($p: ID!) { r: createApiKey(input: { projectId: $p, name: \"k\" }) { __typename } }";
const ADD_PROVIDER_KEY = "mutation($o: ID!, $s: String!) { r: addProviderKey(input: { organizationId: $o, providerId: \"deepseek\", secret: $s }) { __typename } }";
const ADD_MEMBER = "mutation($o: ID!, $e: String!) { r: addMember(input: { organizationId: $o, email: $e, role: viewer }) { __typename } }";

beforeAll(async () => {
  h = await startControlPlaneHarness();
  owner = await h.user();
  const res = await h.gql<{ createOrganization: { data: { id: string } } }>(`mutation { createOrganization(input: { name: "Roles" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`, {}, owner);
  org = res.data.createOrganization.data.id;
  for (const role of ["viewer", "member", "admin"] as const) {
    as[role] = await h.user();
    expect(await typename(owner, `mutation($o: ID!, $e: String!) { r: addMember(input: { organizationId: $o, email: $e, role: ${role} }) { __typename } }`, { o: org, e: as[role].email })).toBe("MutationAddMemberSuccess");
  }
  const p = await h.gql<{ createProject: { data: { id: string } } }>(`mutation($o: ID!) { createProject(input: { organizationId: $o, name: "main" }) { ... on MutationCreateProjectSuccess { data { id } } } }`, { o: org }, owner);
  project = p.data.createProject.data.id;
}, 60_000);

afterAll(() => h.close());

describe("roles", () => {
  it("viewers and members read; only admins manage projects and keys", async () => {
    for (const role of ["viewer", "member"] as const) {
      const read = await h.gql<{ organization: { providers: unknown[]; projects: { totalCount: number } } }>(`query($o: ID!) { organization(id: $o) { providers { id } projects { totalCount } } }`, { o: org }, as[role]);
      expect(read.data.organization.projects.totalCount).toBe(1);
      expect(await typename(as[role], CREATE_PROJECT, { o: org })).toBe("ForbiddenError");
      expect(await typename(as[role], CREATE_KEY, { p: project })).toBe("ForbiddenError");
      expect(await typename(as[role], ADD_PROVIDER_KEY, { o: org, s: GOOD_KEYS[0] })).toBe("ForbiddenError");
    }
    expect(await typename(as.admin, CREATE_PROJECT, { o: org })).toBe("MutationCreateProjectSuccess");
    expect(await typename(as.admin, CREATE_KEY, { p: project })).toBe("MutationCreateApiKeySuccess");
    expect(await typename(as.admin, ADD_PROVIDER_KEY, { o: org, s: GOOD_KEYS[0] })).toBe("MutationAddProviderKeySuccess");
  });

  it("a forbidden answer says which role is needed", async () => {
    const res = await h.gql<{ r: { message: string } }>(`mutation($o: ID!) { r: createProject(input: { organizationId: $o, name: "p" }) { ... on Error { message } } }`, { o: org }, as.viewer);
    expect(res.data.r.message).toBe("This needs the admin role in the organization (you are viewer).");
  });

  it("only owners manage members and delete; the last owner can be neither removed nor demoted", async () => {
    const newcomer = await h.user();
    expect(await typename(as.admin, ADD_MEMBER, { o: org, e: newcomer.email })).toBe("ForbiddenError");
    expect(await typename(as.admin, "mutation($o: ID!) { r: deleteOrganization(organizationId: $o) { __typename } }", { o: org })).toBe("ForbiddenError");
    expect(await typename(owner, ADD_MEMBER, { o: org, e: newcomer.email })).toBe("MutationAddMemberSuccess");
    expect(await typename(owner, ADD_MEMBER, { o: org, e: newcomer.email })).toBe("ConflictError");
    expect(await typename(owner, ADD_MEMBER, { o: org, e: "nobody@example.com" })).toBe("InputError");
    expect(await typename(owner, "mutation($o: ID!, $u: ID!) { r: removeMember(input: { organizationId: $o, userId: $u }) { __typename } }", { o: org, u: owner.id })).toBe("ConflictError");
    expect(await typename(owner, "mutation($o: ID!, $u: ID!) { r: changeMemberRole(input: { organizationId: $o, userId: $u, role: admin }) { __typename } }", { o: org, u: owner.id })).toBe("ConflictError");
    // With a second owner, the first may step down.
    expect(await typename(owner, "mutation($o: ID!, $u: ID!) { r: changeMemberRole(input: { organizationId: $o, userId: $u, role: owner }) { __typename } }", { o: org, u: as.admin.id })).toBe("MutationChangeMemberRoleSuccess");
    expect(await typename(owner, "mutation($o: ID!, $u: ID!) { r: changeMemberRole(input: { organizationId: $o, userId: $u, role: admin }) { __typename } }", { o: org, u: owner.id })).toBe("MutationChangeMemberRoleSuccess");
    expect(await h.db.prisma.auditLog.count({ where: { organizationId: org, action: "member.change_role" } })).toBe(2);
  });

  it("anonymous callers are told to sign in", async () => {
    const res = await h.gql<{ r: { __typename: string } }>(CREATE_PROJECT, { o: org });
    expect(res.data.r.__typename).toBe("UnauthenticatedError");
  });
});
