// Operator price overrides: set (upsert), list, delete; validated against the catalog, audited,
// published to the gateways, and shown by `models` once in effect.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@switchyard/core";
import { createRepriceQueue } from "@switchyard/queue";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";

let h: ControlPlaneHarness;
let operator: TestUser;
let user: TestUser;
const seen: Invalidation[] = [];
let unsubscribe: () => Promise<void>;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  [operator, user] = await Promise.all([h.user({ operator: true }), h.user()]);
  unsubscribe = await subscribeInvalidations(h.deps.redis, h.deps.redisPrefix, h.deps.logger, (m) => seen.push(m));
}, 60_000);

afterAll(async () => {
  await unsubscribe();
  // Overrides in effect from the past are corrections: drop the re-pricing jobs they enqueued.
  const queue = createRepriceQueue(h.deps.redis as never, h.deps.redisPrefix);
  await queue.obliterate({ force: true });
  await queue.close();
  await h.close();
});

const SET = `mutation($input: SetPriceOverrideInput!) { setPriceOverride(input: $input) { __typename ... on Error { code } ... on InputError { field }
  ... on MutationSetPriceOverrideSuccess { data { id providerId model inputPerMTok outputPerMTok cachedInputPerMTok perRequest effectiveFrom createdById } } } }`;
const DELETE = `mutation($id: ID!) { deletePriceOverride(id: $id) { __typename ... on Error { code } ... on MutationDeletePriceOverrideSuccess { data } } }`;
const LIST = `query($providerId: String, $model: String) { priceOverrides(providerId: $providerId, model: $model) { nodes { id model inputPerMTok effectiveFrom } } }`;
const PRICE = `{ models(first: 100) { nodes { id offerings { providerId price { inputPerMTok outputPerMTok perRequest effectiveFrom source overrideId } } } } }`;

interface SetResult {
  __typename: string;
  code?: string;
  field?: string;
  data?: { id: string; inputPerMTok: string; outputPerMTok: string; cachedInputPerMTok: string | null; perRequest: string | null; effectiveFrom: string; createdById: string };
}
interface Price {
  inputPerMTok: string;
  outputPerMTok: string;
  perRequest: string | null;
  effectiveFrom: string;
  source: string;
  overrideId: string | null;
}

const set = async (input: Record<string, unknown>, as: TestUser = operator) => (await h.gql<{ setPriceOverride: SetResult }>(SET, { input }, as)).data.setPriceOverride;

async function price(model: string, providerId: string): Promise<Price | null> {
  const res = await h.gql<{ models: { nodes: Array<{ id: string; offerings: Array<{ providerId: string; price: Price | null }> }> } }>(PRICE, {}, user);
  return res.data.models.nodes.find((m) => m.id === model)!.offerings.find((o) => o.providerId === providerId)!.price;
}

const base = { providerId: "groq", model: "gpt-oss-120b", inputPerMTok: "1.25", outputPerMTok: "5" };

describe("price overrides", () => {
  it("an override in effect now changes the price `models` shows; a future one does not yet; deleting restores", async () => {
    const catalog = await price(base.model, base.providerId);
    expect(catalog?.overrideId).toBeNull();
    const now = new Date(Date.now() - 60_000).toISOString();
    const saved = await set({ ...base, perRequest: "0.001", effectiveFrom: now });
    expect(saved.__typename).toBe("MutationSetPriceOverrideSuccess");
    expect(saved.data).toMatchObject({ inputPerMTok: "1.25", outputPerMTok: "5", cachedInputPerMTok: null, perRequest: "0.001", effectiveFrom: now, createdById: operator.id });
    const future = await set({ ...base, inputPerMTok: "9", effectiveFrom: new Date(Date.now() + 3_600_000).toISOString() });

    expect(await price(base.model, base.providerId)).toEqual({ inputPerMTok: "1.25", outputPerMTok: "5", perRequest: "0.001", effectiveFrom: now, source: "operator override", overrideId: saved.data!.id });
    expect((await price(base.model, "deepinfra"))?.overrideId ?? null).toBeNull();

    const audits = await h.db.prisma.auditLog.findMany({ where: { targetId: saved.data!.id } });
    expect(audits.map((a) => [a.action, a.actorId, a.organizationId])).toEqual([["price_override.set", operator.id, null]]);
    await expect.poll(() => seen.filter((m) => m.type === "prices").length).toBeGreaterThanOrEqual(2);

    const before = seen.length;
    const deleted = await h.gql<{ deletePriceOverride: { __typename: string; data: string } }>(DELETE, { id: saved.data!.id }, operator);
    expect(deleted.data.deletePriceOverride).toEqual({ __typename: "MutationDeletePriceOverrideSuccess", data: saved.data!.id });
    expect(await price(base.model, base.providerId)).toEqual(catalog);
    expect(await h.db.prisma.auditLog.count({ where: { targetId: saved.data!.id, action: "price_override.delete" } })).toBe(1);
    await expect.poll(() => seen.slice(before).some((m) => m.type === "prices")).toBe(true);
    await h.gql(DELETE, { id: future.data!.id }, operator);
  });

  it("setting the same provider, model and effectiveFrom again replaces the override", async () => {
    const effectiveFrom = "2026-02-01T00:00:00.000Z";
    const first = await set({ ...base, model: "gpt-oss-20b", effectiveFrom });
    const second = await set({ ...base, model: "gpt-oss-20b", inputPerMTok: "2", cachedInputPerMTok: "0.5", effectiveFrom });
    expect(second.data).toMatchObject({ id: first.data!.id, inputPerMTok: "2", cachedInputPerMTok: "0.5" });
    const list = await h.gql<{ priceOverrides: { nodes: Array<{ id: string }> } }>(LIST, { providerId: "groq", model: "gpt-oss-20b" }, operator);
    expect(list.data.priceOverrides.nodes.map((n) => n.id)).toEqual([first.data!.id]);
  });

  it("validates the provider, the model, the offering and the prices; a valid one needs no selection", async () => {
    const effectiveFrom = new Date().toISOString();
    expect(await set({ ...base, providerId: "nope", effectiveFrom })).toMatchObject({ __typename: "InputError", field: "providerId" });
    expect(await set({ ...base, model: "no-such-model", effectiveFrom })).toMatchObject({ __typename: "InputError", field: "model" });
    expect(await set({ ...base, model: "gpt-4o-mini", effectiveFrom })).toMatchObject({ __typename: "InputError", field: "model" });
    expect(await set({ ...base, outputPerMTok: "-1", effectiveFrom })).toMatchObject({ __typename: "InputError", field: "outputPerMTok" });
    expect(await set({ ...base, perRequest: "-0.01", effectiveFrom })).toMatchObject({ __typename: "InputError", field: "perRequest" });
    const typenameOnly = await h.gql(`mutation($input: SetPriceOverrideInput!) { setPriceOverride(input: $input) { __typename } }`, { input: { ...base, effectiveFrom } }, operator);
    expect(typenameOnly.data).toEqual({ setPriceOverride: { __typename: "MutationSetPriceOverrideSuccess" } });
  });

  it("is for platform operators only", async () => {
    const effectiveFrom = new Date().toISOString();
    expect(await set({ ...base, effectiveFrom }, user)).toMatchObject({ __typename: "ForbiddenError", code: "FORBIDDEN" });
    const list = await h.gql(LIST, {}, user);
    expect(list.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const del = await h.gql<{ deletePriceOverride: { __typename: string } }>(DELETE, { id: newId("prc") }, user);
    expect(del.data.deletePriceOverride.__typename).toBe("ForbiddenError");
    const missing = await h.gql<{ deletePriceOverride: { __typename: string } }>(DELETE, { id: newId("prc") }, operator);
    expect(missing.data.deletePriceOverride.__typename).toBe("NotFoundError");
  });
});
