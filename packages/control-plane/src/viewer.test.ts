// The control plane through yoga.fetch: the printed schema is current and bearer tokens work.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@switchyard/core";
import { migrate, openDatabase, type Database } from "@switchyard/db";
import { generateAccessToken } from "@switchyard/vault";
import { printedSchema } from "./schema.ts";
import { createControlPlane } from "./yoga.ts";

let db: Database;
let yoga: ReturnType<typeof createControlPlane>;
const token = generateAccessToken();
const revoked = generateAccessToken();

beforeAll(async () => {
  db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  const p = db.prisma;
  await p.user.create({ data: { id: "usr_1", email: "owner@example.com" } });
  await p.organization.create({ data: { id: "org_1", name: "Acme" } });
  await p.membership.create({ data: { id: "mem_1", userId: "usr_1", organizationId: "org_1", role: "owner" } });
  await p.accessToken.create({ data: { id: "tok_1", userId: "usr_1", name: "ci", tokenHash: token.tokenHash, last4: token.last4 } });
  await p.accessToken.create({ data: { id: "tok_2", userId: "usr_1", name: "old", tokenHash: revoked.tokenHash, last4: revoked.last4, revokedAt: new Date() } });
  yoga = createControlPlane({ prisma: p, logger: createLogger({ level: "silent" }) });
}, 60_000);

afterAll(() => db.close());

async function viewer(authorization?: string) {
  const res = await yoga.fetch("http://api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: "{ viewer { id email memberships { role organizationId organizationName } } }" }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { viewer: unknown } }).data.viewer;
}

describe("control plane", () => {
  it("schema.graphql is the printed schema (run `pnpm --filter @switchyard/control-plane schema:print`)", () => {
    expect(readFileSync(new URL("../schema.graphql", import.meta.url), "utf8")).toBe(printedSchema());
  });

  it("resolves the viewer from a bearer access token", async () => {
    expect(await viewer(`Bearer ${token.token}`)).toEqual({
      id: "usr_1",
      email: "owner@example.com",
      memberships: [{ role: "owner", organizationId: "org_1", organizationName: "Acme" }],
    });
  });

  it("treats missing, unknown and revoked tokens as anonymous", async () => {
    expect(await viewer()).toBeNull();
    expect(await viewer(`Bearer ${generateAccessToken().token}`)).toBeNull();
    expect(await viewer(`Bearer ${revoked.token}`)).toBeNull();
  });
});
