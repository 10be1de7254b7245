// The control plane through yoga.fetch: the printed schema is current and bearer tokens work.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAccessToken } from "@switchyard/vault";
import { printedSchema } from "./schema.ts";
import { startControlPlaneHarness, type ControlPlaneHarness } from "./testing/harness.ts";

let h: ControlPlaneHarness;

beforeAll(async () => {
  h = await startControlPlaneHarness();
}, 60_000);

afterAll(() => h.close());

const VIEWER = "{ viewer { id email memberships { role organization { id name } } } }";

describe("control plane", () => {
  it("schema.graphql is the printed schema (run `pnpm --filter @switchyard/control-plane schema:print`)", () => {
    expect(readFileSync(new URL("../schema.graphql", import.meta.url), "utf8")).toBe(printedSchema());
  });

  it("resolves the viewer from a bearer access token", async () => {
    const user = await h.user({ email: "owner@example.com" });
    const created = await h.gql<{ createOrganization: { data: { id: string } } }>(
      `mutation { createOrganization(input: { name: "Acme" }) { ... on MutationCreateOrganizationSuccess { data { id } } } }`,
      {},
      user,
    );
    const orgId = created.data.createOrganization.data.id;
    const res = await h.gql(VIEWER, {}, user);
    expect(res.data.viewer).toEqual({ id: user.id, email: "owner@example.com", memberships: [{ role: "owner", organization: { id: orgId, name: "Acme" } }] });
  });

  it("treats missing, unknown, malformed and revoked tokens as anonymous", async () => {
    const user = await h.user();
    await h.db.prisma.accessToken.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    expect((await h.gql(VIEWER)).data.viewer).toBeNull();
    expect((await h.gql(VIEWER, {}, { headers: { authorization: `Bearer ${generateAccessToken().token}` } })).data.viewer).toBeNull();
    expect((await h.gql(VIEWER, {}, { headers: { authorization: "Bearer nonsense" } })).data.viewer).toBeNull();
    expect((await h.gql(VIEWER, {}, user)).data.viewer).toBeNull();
  });
});
