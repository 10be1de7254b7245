// The request log through GraphQL: newest first, every filter, forward and backward pages
// (with request times that repeat), and only for the organization's members.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@switchyard/core";
import { ingestBatch } from "@switchyard/worker/testing";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { createOrg, createProject, seedUsage, usageEvent, type Seeded } from "./testing/seed.ts";

let h: ControlPlaneHarness;
let s: Seeded;
let viewer: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  s = await seedUsage(h.db.prisma);
  viewer = await h.user({ memberOf: { organizationId: s.orgId, role: "viewer" } });
  outsider = await h.user();
}, 60_000);

afterAll(() => h.close());

interface Page {
  edges: Array<{ cursor: string; node: { requestId: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
}

const LOG = `query ($org: ID!, $filter: RequestLogFilter, $first: Int, $after: String, $last: Int, $before: String) {
  requestLog(organizationId: $org, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { requestId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(vars: Record<string, unknown>, as: TestUser = viewer, org = s.orgId) {
  return h.gql<{ requestLog: Page | null }>(LOG, { org, ...vars }, as);
}

/** Indexes (into the seeded events, oldest 0) of the requests listed. */
async function listed(filter: Record<string, unknown>): Promise<number[]> {
  const res = await page({ filter });
  expect(res.errors).toBeUndefined();
  return res.data.requestLog!.edges.map((e) => s.events.findIndex((x) => x.requestId === e.node.requestId));
}

describe("requestLog", () => {
  it("lists the organization's requests newest first with every field", async () => {
    const res = await h.gql<{ requestLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query ($org: ID!) { requestLog(organizationId: $org, first: 1, filter: { status: upstream_error }) { edges { node {
        requestId projectId project { name } apiKeyId providerId model endpoint keySource promptTokens completionTokens cachedTokens reasoningTokens usageEstimated
        costTotal markup amountBilled latencyMs timeToFirstTokenMs status httpStatus errorCode attempts createdAt } } } }`,
      { org: s.orgId },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.requestLog.edges[0]!.node).toEqual({
      requestId: s.events[4]!.requestId, projectId: s.p2, project: { name: "Two" }, apiKeyId: s.k2, providerId: "anthropic", model: "claude-3-5-haiku", endpoint: "chat.completions",
      keySource: "credits", promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false, costTotal: "0", markup: "0", amountBilled: "0",
      latencyMs: 50, timeToFirstTokenMs: null, status: "upstream_error", httpStatus: 502, errorCode: "upstream_error", attempts: 1, createdAt: "2025-07-01T00:45:00.000Z",
    });
    expect(await listed({})).toEqual([5, 4, 3, 2, 1, 0]);
    const byok = await h.gql<{ requestLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query ($org: ID!) { requestLog(organizationId: $org, filter: { keySource: byok, model: "claude-3-5-haiku" }) { edges { node { costTotal markup amountBilled reasoningTokens timeToFirstTokenMs } } } }`,
      { org: s.orgId },
      viewer,
    );
    expect(byok.data.requestLog.edges.map((e) => e.node)).toEqual([{ costTotal: "0.003", markup: "0.00015", amountBilled: "0.00015", reasoningTokens: 30, timeToFirstTokenMs: 200 }]);
  });

  it("filters by project, API key, model, provider, status, key source and time", async () => {
    expect(await listed({ projectId: s.p1 })).toEqual([2, 1, 0]);
    expect(await listed({ apiKeyId: s.k2 })).toEqual([5, 4, 3]);
    expect(await listed({ apiKeyId: s.k3 })).toEqual([2]);
    expect(await listed({ model: "claude-3-5-haiku" })).toEqual([4, 3]);
    expect(await listed({ providerId: "openai" })).toEqual([5, 2, 1, 0]);
    expect(await listed({ status: "upstream_error" })).toEqual([4]);
    expect(await listed({ status: "success", keySource: "byok" })).toEqual([3, 2]);
    expect(await listed({ keySource: "credits" })).toEqual([5, 4, 1, 0]);
    expect(await listed({ from: "2025-06-30T22:40:00Z", to: "2025-07-01T00:45:00Z" })).toEqual([3, 2, 1]);
    expect(await listed({ from: "2025-07-01T00:45:00Z" })).toEqual([5, 4]);
    expect(await listed({ to: "2025-06-30T22:40:00Z" })).toEqual([0]);
    expect(await listed({ projectId: "prj_other" })).toEqual([]);
    const bad = await page({ filter: { from: "2025-07-01T00:00:00Z", to: "2025-06-30T00:00:00Z" } });
    expect(bad.errors?.map((e) => [e.extensions?.code, (e.extensions as { field?: string }).field])).toEqual([["BAD_INPUT", "filter.to"]]);
  });

  it("shows the audio, image and web-search cost parts and the units of a request", async () => {
    const org = await createOrg(h.db.prisma, "Parts");
    const project = await createProject(h.db.prisma, org, "p");
    await h.db.prisma.membership.create({ data: { id: newId("mem"), userId: viewer.id, organizationId: org, role: "viewer" } });
    const base = usageEvent(org, project, "key_a", { at: "2025-07-02T12:00:00.000Z", provider: "openai", model: "whisper-1", keySource: "credits", prompt: 0, completion: 0, cost: "0.0135", latency: 10 });
    const zero = "0.0000000000";
    const units = { audioSeconds: 90, search: { providerId: "tavily", keySource: "credits" as const, cost: "0.0080000000", markup: zero, amountBilled: "0.0080000000" } };
    const event = { ...base, endpoint: "audio.transcriptions", units, cost: { ...base.cost, audio: "0.0055000000", image: zero, webSearch: "0.0080000000", total: "0.0135000000" } };
    await ingestBatch(h.db.prisma, [event]);
    const res = await h.gql<{ requestLog: { edges: Array<{ node: Record<string, unknown> }> } }>(
      `query ($org: ID!) { requestLog(organizationId: $org) { edges { node { endpoint costTotal costAudio costImage costWebSearch units } } } }`,
      { org },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.requestLog.edges.map((e) => e.node)).toEqual([{ endpoint: "audio.transcriptions", costTotal: "0.0135", costAudio: "0.0055", costImage: "0", costWebSearch: "0.008", units }]);
  });

  it("pages forward and backward without losing or repeating requests of the same instant", async () => {
    const org = await createOrg(h.db.prisma, "Busy");
    const project = await createProject(h.db.prisma, org, "p");
    await h.db.prisma.membership.create({ data: { id: newId("mem"), userId: viewer.id, organizationId: org, role: "viewer" } });
    const spec = { at: "2025-07-01T12:00:00.000Z", provider: "openai", model: "m", keySource: "credits" as const, prompt: 1, completion: 1, cost: "0.1", latency: 10 };
    const same = Array.from({ length: 5 }, () => usageEvent(org, project, "key_a", spec));
    const later = usageEvent(org, project, "key_a", { ...spec, at: "2025-07-01T12:00:00.001Z" });
    await ingestBatch(h.db.prisma, [...same, later]);

    const seen: string[] = [];
    let after: string | undefined;
    const flags: Array<[boolean, boolean]> = [];
    for (;;) {
      const res = await page({ first: 2, ...(after ? { after } : {}) }, viewer, org);
      const p = res.data.requestLog!;
      seen.push(...p.edges.map((e) => e.node.requestId));
      flags.push([p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage]);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect(seen[0]).toBe(later.requestId);
    expect(flags).toEqual([[false, true], [true, true], [true, false]]);

    const last = await page({ last: 2 }, viewer, org);
    expect(last.data.requestLog!.edges.map((e) => e.node.requestId)).toEqual(seen.slice(4));
    expect(last.data.requestLog!.pageInfo.hasPreviousPage).toBe(true);
    const before = await page({ last: 3, before: last.data.requestLog!.pageInfo.startCursor }, viewer, org);
    expect(before.data.requestLog!.edges.map((e) => e.node.requestId)).toEqual(seen.slice(1, 4));

    const badCursor = await page({ first: 2, after: "bm9wZQ" }, viewer, org);
    expect(badCursor.errors?.map((e) => [e.extensions?.code, (e.extensions as { field?: string }).field])).toEqual([["BAD_INPUT", "after"]]);
  });

  it("is for the organization's members only", async () => {
    const res = await page({}, outsider);
    expect(res.data.requestLog).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    expect((await page({})).data.requestLog!.edges.every((e) => s.events.some((x) => x.requestId === e.node.requestId))).toBe(true);
    const anonymous = await h.gql<{ requestLog: Page | null }>(LOG, { org: s.orgId });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });
});
