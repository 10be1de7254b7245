// No N+1 queries: nested listings cost the same number of database operations whatever the
// number of organizations, projects and keys. Operations are counted with a Prisma client
// extension on the client the control plane is given; one Prisma operation runs a fixed number
// of SQL statements (one per included relation level), so a constant operation count means a
// constant statement count. Pothos falls back to one query per parent when a relation was not
// preloaded: that would show here as operations growing with the data.
import type { PrismaClient } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createControlPlane } from "../yoga.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { post, seedOrganization } from "./support.ts";

let h: ControlPlaneHarness;
let yoga: ReturnType<typeof createControlPlane>;
let operations: string[] = [];
let small: TestUser;
let large: TestUser;

const SMALL = { orgs: 2, projects: 2, keys: 2 };
const LARGE = { orgs: 3, projects: 6, keys: 6 };

beforeAll(async () => {
  h = await startControlPlaneHarness();
  const counted = h.db.prisma.$extends({
    query: {
      $allOperations: ({ model, operation, args, query }) => {
        operations.push(`${model ?? "$"}.${operation}`);
        return query(args);
      },
    },
  });
  yoga = createControlPlane({ ...h.deps, prisma: counted as unknown as PrismaClient });
  small = await h.user();
  large = await h.user();
  for (const [user, size] of [[small, SMALL], [large, LARGE]] as const) {
    for (let o = 0; o < size.orgs; o++) await seedOrganization(h, user, `Org ${o}`, size.projects, size.keys);
  }
}, 120_000);

afterAll(() => h.close());

/** The database operations one request runs (the throttled access-token `lastUsedAt` write aside). */
async function operationsOf(query: string, as: TestUser): Promise<{ operations: string[]; data: unknown }> {
  operations = [];
  const res = await post(yoga.fetch, { query }, { authorization: as.authorization });
  expect(res.body.errors, res.text).toBeUndefined();
  return { operations: operations.filter((op) => op !== "AccessToken.update"), data: res.body.data };
}

const PAGE = Math.max(LARGE.orgs, LARGE.projects, LARGE.keys);

const LISTINGS = {
  "organizations → members, projects → apiKeys → project": `{ organizations(first: ${PAGE}) { totalCount nodes { id name
      members(first: ${PAGE}) { totalCount nodes { role user { id email } } }
      projects(first: ${PAGE}) { totalCount nodes { id name mode organization { id }
        apiKeys(first: ${PAGE}) { totalCount nodes { id name masked status project { id name } } } } } } } }`,
  "viewer → memberships → organization → projects → apiKeys": `{ viewer { id memberships { role organization { id name
      projects(first: ${PAGE}) { totalCount nodes { id name apiKeys(first: ${PAGE}) { totalCount nodes { id masked } } } } } } } }`,
};

describe("nested listings run a constant number of database operations", () => {
  it.each(Object.entries(LISTINGS))("%s", async (_label, query) => {
    const few = await operationsOf(query, small);
    const many = await operationsOf(query, large);
    const keysIn = (data: unknown) => JSON.stringify(data).match(/"masked":"sy-/g)?.length ?? 0;
    expect(keysIn(few.data)).toBe(SMALL.orgs * SMALL.projects * SMALL.keys);
    expect(keysIn(many.data)).toBe(LARGE.orgs * LARGE.projects * LARGE.keys);
    expect(many.operations).toEqual(few.operations);
    // The access-token lookup, the listing, and at most its separate total count.
    expect(few.operations.length).toBeLessThanOrEqual(3);
  });
});
