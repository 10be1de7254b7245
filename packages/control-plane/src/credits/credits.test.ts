// Credits through GraphQL: operators grant and adjust (ledger, balance, audit, invalidation in
// one go), members read the balance and the ledger, nobody else can do either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { orgWith } from "./test-fixtures.ts";

let h: ControlPlaneHarness;
let operator: TestUser;
let owner: TestUser;
let viewer: TestUser;
let outsider: TestUser;
const seen: Invalidation[] = [];
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  [operator, owner, viewer, outsider] = await Promise.all([h.user({ operator: true }), h.user(), h.user(), h.user()]);
  unsubscribe = await subscribeInvalidations(h.deps.redis, h.deps.redisPrefix, h.deps.logger, (m) => seen.push(m));
}, 60_000);

afterAll(async () => {
  await unsubscribe();
  await h.close();
});

const RESULT = `__typename ... on Error { code message } ... on InputError { field }`;
const CHANGE = `data { balance entry { id kind amount description actorId requestId createdAt } }`;
const GRANT = `mutation($input: GrantCreditsInput!) { grantCredits(input: $input) { ${RESULT} ... on MutationGrantCreditsSuccess { ${CHANGE} } } }`;
const ADJUST = `mutation($input: AdjustCreditsInput!) { adjustCredits(input: $input) { ${RESULT} ... on MutationAdjustCreditsSuccess { ${CHANGE} } } }`;

interface Change {
  __typename: string;
  code?: string;
  field?: string;
  data?: { balance: string; entry: { id: string; kind: string; amount: string; description: string | null; actorId: string | null; requestId: string | null } };
}

const grant = async (as: TestUser, input: Record<string, unknown>) => (await h.gql<{ grantCredits: Change }>(GRANT, { input }, as)).data.grantCredits;
const adjust = async (as: TestUser, input: Record<string, unknown>) => (await h.gql<{ adjustCredits: Change }>(ADJUST, { input }, as)).data.adjustCredits;
const dec = (s: string | undefined) => new Prisma.Decimal(s!);

async function balanceOf(orgId: string, as: TestUser): Promise<string | undefined> {
  const res = await h.gql<{ organization: { balance: string } | null }>(`query($id: ID!) { organization(id: $id) { balance } }`, { id: orgId }, as);
  return res.data.organization?.balance;
}

describe("grantCredits and adjustCredits", () => {
  it("write the ledger entry, move the balance, audit and tell the gateways", async () => {
    const orgId = await orgWith(h, [[owner, "owner"], [viewer, "viewer"]]);
    const granted = await grant(operator, { organizationId: orgId, amount: "12.5", description: "welcome" });
    expect(granted.__typename).toBe("MutationGrantCreditsSuccess");
    expect(granted.data!.entry).toMatchObject({ kind: "grant", description: "welcome", actorId: operator.id, requestId: null });
    expect(dec(granted.data!.entry.amount).equals("12.5")).toBe(true);
    expect(granted.data!.entry.amount).toBe("12.5000000000");
    expect(dec(granted.data!.balance).equals("12.5")).toBe(true);

    const adjusted = await adjust(operator, { organizationId: orgId, amount: "-2.2500000001", description: "refund of a double charge" });
    expect(adjusted.data!.entry.kind).toBe("adjustment");
    expect(dec(adjusted.data!.balance).equals("10.2499999999")).toBe(true);
    expect(dec(await balanceOf(orgId, viewer)).equals("10.2499999999")).toBe(true);

    const row = await h.db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: orgId } });
    expect(row.balance.equals(new Prisma.Decimal("10.2499999999"))).toBe(true);
    const audits = await h.db.prisma.auditLog.findMany({ where: { organizationId: orgId }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => [a.action, a.actorId, a.metadata])).toEqual([
      ["credits.grant", operator.id, { amount: "12.5000000000", description: "welcome", entryId: granted.data!.entry.id }],
      ["credits.adjust", operator.id, { amount: "-2.2500000001", description: "refund of a double charge", entryId: adjusted.data!.entry.id }],
    ]);
    await expect.poll(() => seen.filter((m) => m.type === "balance" && m.id === orgId).length).toBe(2);
  });

  it("creates the balance row when the organization has none", async () => {
    const orgId = await orgWith(h, [[viewer, "viewer"]], { balanceRow: false });
    expect(dec(await balanceOf(orgId, viewer)).isZero()).toBe(true);
    expect(dec((await grant(operator, { organizationId: orgId, amount: "3" })).data!.balance).equals(3)).toBe(true);
    expect(dec(await balanceOf(orgId, viewer)).equals(3)).toBe(true);
  });

  it("are refused to everyone but operators: Forbidden for members, NotFound for outsiders and unknown organizations", async () => {
    const orgId = await orgWith(h, [[owner, "owner"]]);
    expect(await grant(owner, { organizationId: orgId, amount: "5" })).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    expect(await adjust(owner, { organizationId: orgId, amount: "5", description: "x" })).toMatchObject({ __typename: "ForbiddenError" });
    expect(await grant(outsider, { organizationId: orgId, amount: "5" })).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(await adjust(outsider, { organizationId: orgId, amount: "5", description: "x" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await grant(operator, { organizationId: newId("org"), amount: "5" })).toMatchObject({ __typename: "NotFoundError" });
    expect(await h.db.prisma.creditLedgerEntry.count({ where: { organizationId: orgId } })).toBe(0);
  });

  it("reject a zero or negative grant, a zero adjustment and an adjustment without a reason", async () => {
    const orgId = await orgWith(h, [[owner, "owner"]]);
    expect(await grant(operator, { organizationId: orgId, amount: "0" })).toMatchObject({ __typename: "InputError", field: "amount" });
    expect(await grant(operator, { organizationId: orgId, amount: "-1" })).toMatchObject({ __typename: "InputError", field: "amount" });
    expect(await adjust(operator, { organizationId: orgId, amount: "0.0", description: "x" })).toMatchObject({ __typename: "InputError", field: "amount" });
    expect(await adjust(operator, { organizationId: orgId, amount: "1", description: "  " })).toMatchObject({ __typename: "InputError", field: "description" });
    const bad = await h.gql(GRANT, { input: { organizationId: orgId, amount: "1.5e3" } }, operator);
    expect(bad.errors?.[0]?.message).toMatch(/Decimal/);
    expect(await h.db.prisma.creditLedgerEntry.count({ where: { organizationId: orgId } })).toBe(0);
  });
});

describe("Organization.ledger", () => {
  const LEDGER = `query($id: ID!, $kind: [LedgerEntryKind!], $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    organization(id: $id) { ledger(kind: $kind, from: $from, to: $to, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { id kind amount requestId createdAt } } } }`;
  type Ledger = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: Array<{ id: string; kind: string; amount: string; createdAt: string }> };
  const ledger = async (as: TestUser, vars: Record<string, unknown>) => (await h.gql<{ organization: { ledger: Ledger } | null }>(LEDGER, vars, as)).data.organization?.ledger;

  it("lists entries newest first, filtered by kind and date, page by page", async () => {
    const orgId = await orgWith(h, [[viewer, "viewer"]]);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12));
    const rows = [
      { kind: "grant" as const, amount: "100", createdAt: day(1) },
      { kind: "usage" as const, amount: "-0.0000012345", createdAt: day(2), requestId: "req_a" },
      { kind: "markup" as const, amount: "-0.0000000617", createdAt: day(2), requestId: "req_a" },
      { kind: "usage" as const, amount: "-1.5", createdAt: day(3), requestId: "req_b" },
      { kind: "usage" as const, amount: "-2", createdAt: day(4), requestId: "req_c" },
    ];
    await h.db.prisma.creditLedgerEntry.createMany({ data: rows.map((r) => ({ id: newId("led"), organizationId: orgId, ...r, amount: new Prisma.Decimal(r.amount) })) });

    const all = await ledger(viewer, { id: orgId });
    expect(all!.totalCount).toBe(5);
    expect(all!.nodes.map((n) => n.createdAt)).toEqual([...all!.nodes.map((n) => n.createdAt)].sort().reverse());
    expect(all!.nodes[0]!.amount).toBe("-2.0000000000");

    const first = await ledger(viewer, { id: orgId, kind: ["usage"], first: 2 });
    expect(first!.totalCount).toBe(3);
    expect(first!.nodes.map((n) => n.amount)).toEqual(["-2.0000000000", "-1.5000000000"]);
    expect(first!.pageInfo.hasNextPage).toBe(true);
    const next = await ledger(viewer, { id: orgId, kind: ["usage"], first: 2, after: first!.pageInfo.endCursor });
    expect(next!.nodes.map((n) => dec(n.amount).toString())).toEqual(["-0.0000012345"]);
    expect(next!.pageInfo.hasNextPage).toBe(false);

    const window = await ledger(viewer, { id: orgId, from: day(2).toISOString(), to: day(4).toISOString() });
    expect(window!.nodes.map((n) => n.kind).sort()).toEqual(["markup", "usage", "usage"]);
    const kinds = await ledger(viewer, { id: orgId, kind: ["grant", "markup"] });
    expect(kinds!.nodes.map((n) => n.kind)).toEqual(["markup", "grant"]);
  });

  it("is hidden from outsiders", async () => {
    const orgId = await orgWith(h, [[owner, "owner"]]);
    expect(await ledger(outsider, { id: orgId })).toBeUndefined();
  });
});
