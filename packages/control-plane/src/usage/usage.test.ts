// Usage analytics through GraphQL, from rollups written by the worker's ingest: totals, hour and
// day series, every groupBy dimension, the credits/own-key split and markup to the last digit,
// filters, range validation and who may read it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UsageFigures } from "./analytics.ts";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { seedUsage, type Seeded } from "./testing/seed.ts";

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

const FIGURES = "requests errors promptTokens completionTokens cachedTokens reasoningTokens costTotal costPaidWithCredits costWithOwnKeys markupCharged amountBilled averageLatencyMs";
const KEY = "projectId apiKeyId providerId model keySource";
const REPORT = `query ($input: UsageInput!) { usage(input: $input) { from to bucket groupBy totals { ${FIGURES} } groups { key { ${KEY} } figures { ${FIGURES} } } series { bucketStart groups { key { ${KEY} } figures { ${FIGURES} } } } } }`;

/** The GraphQL answer has the same fields as the resolver's figures. */
type Figures = UsageFigures;
type Key = Record<"projectId" | "apiKeyId" | "providerId" | "model" | "keySource", string | null>;
interface Group {
  key: Key;
  figures: Figures;
}
interface Report {
  from: string;
  to: string;
  bucket: string;
  groupBy: string[];
  totals: Figures;
  groups: Group[];
  series: Array<{ bucketStart: string; groups: Group[] }>;
}

async function report(input: Record<string, unknown>, as: TestUser = viewer) {
  const res = await h.gql<{ usage: Report | null }>(REPORT, { input: { organizationId: s.orgId, from: "2025-06-30T00:00:00Z", to: "2025-07-02T00:00:00Z", ...input } }, as);
  return res;
}

async function ok(input: Record<string, unknown>): Promise<Report> {
  const res = await report(input);
  expect(res.errors).toBeUndefined();
  return res.data.usage!;
}

const NO_KEY: Key = { projectId: null, apiKeyId: null, providerId: null, model: null, keySource: null };
const key = (k: Partial<Key>): Key => ({ ...NO_KEY, ...k });

const ALL: Figures = {
  requests: 6,
  errors: 1,
  promptTokens: 1650,
  completionTokens: 230,
  cachedTokens: 510,
  reasoningTokens: 30,
  costTotal: "0.0165000001",
  costPaidWithCredits: "0.0130000001",
  costWithOwnKeys: "0.0035",
  markupCharged: "0.000175",
  amountBilled: "0.0131750001",
  averageLatencyMs: 200,
};

describe("usage", () => {
  it("totals the range from the daily rollups, DAY by default", async () => {
    const r = await ok({});
    expect(r).toMatchObject({ from: "2025-06-30T00:00:00.000Z", to: "2025-07-02T00:00:00.000Z", bucket: "DAY", groupBy: [] });
    expect(r.totals).toEqual(ALL);
    expect(r.groups).toEqual([{ key: NO_KEY, figures: ALL }]);
    expect(r.series.map((b) => [b.bucketStart, b.groups.map((g) => g.figures.requests)])).toEqual([
      ["2025-06-30T00:00:00.000Z", [3]],
      ["2025-07-01T00:00:00.000Z", [3]],
    ]);
    expect(r.series[0]!.groups[0]!.figures).toEqual({
      requests: 3, errors: 0, promptTokens: 350, completionTokens: 70, cachedTokens: 10, reasoningTokens: 0,
      costTotal: "0.0035", costPaidWithCredits: "0.003", costWithOwnKeys: "0.0005", markupCharged: "0.000025", amountBilled: "0.003025", averageLatencyMs: 200,
    });
  });

  it("gives every UTC hour of the range with HOUR buckets, empty hours included, and the same totals", async () => {
    const r = await ok({ bucket: "HOUR", from: "2025-06-30T21:30:00Z", to: "2025-07-01T02:10:00Z" });
    expect([r.from, r.to]).toEqual(["2025-06-30T21:00:00.000Z", "2025-07-01T03:00:00.000Z"]);
    expect(r.totals).toEqual(ALL);
    expect(r.series.map((b) => [b.bucketStart.slice(11, 13), b.groups.map((g) => g.figures.requests)])).toEqual([
      ["21", []],
      ["22", [2]],
      ["23", [1]],
      ["00", [2]],
      ["01", [1]],
      ["02", []],
    ]);
    expect(r.series[3]!.groups[0]!.figures).toMatchObject({ requests: 2, errors: 1, costTotal: "0.003", costPaidWithCredits: "0", costWithOwnKeys: "0.003", markupCharged: "0.00015", amountBilled: "0.00015", averageLatencyMs: 225 });
  });

  it("widens a range to whole buckets: an hour inside a day reads the whole day", async () => {
    const r = await ok({ from: "2025-07-01T01:00:00Z", to: "2025-07-01T02:00:00Z" });
    expect([r.from, r.to]).toEqual(["2025-07-01T00:00:00.000Z", "2025-07-02T00:00:00.000Z"]);
    expect(r.totals.requests).toBe(3);
    const hourly = await ok({ bucket: "HOUR", from: "2025-07-01T01:00:00Z", to: "2025-07-01T02:00:00Z" });
    expect(hourly.totals).toMatchObject({ requests: 1, costTotal: "0.0100000001", cachedTokens: 500 });
  });

  it("groups by project, most expensive first, with the credits/own-key split and markup", async () => {
    const r = await ok({ groupBy: ["PROJECT"] });
    expect(r.groups).toEqual([
      {
        key: key({ projectId: s.p2 }),
        figures: { requests: 3, errors: 1, promptTokens: 1300, completionTokens: 160, cachedTokens: 500, reasoningTokens: 30, costTotal: "0.0130000001", costPaidWithCredits: "0.0100000001", costWithOwnKeys: "0.003", markupCharged: "0.00015", amountBilled: "0.0101500001", averageLatencyMs: 200 },
      },
      {
        key: key({ projectId: s.p1 }),
        figures: { requests: 3, errors: 0, promptTokens: 350, completionTokens: 70, cachedTokens: 10, reasoningTokens: 0, costTotal: "0.0035", costPaidWithCredits: "0.003", costWithOwnKeys: "0.0005", markupCharged: "0.000025", amountBilled: "0.003025", averageLatencyMs: 200 },
      },
    ]);
    expect(r.series.map((b) => b.groups.map((g) => g.key.projectId))).toEqual([[s.p1], [s.p2]]);
  });

  it("groups by API key, provider, model and key source", async () => {
    const summary = (r: Report, dim: keyof Key) => r.groups.map((g) => [g.key[dim], g.figures.requests, g.figures.costTotal]);
    expect(summary(await ok({ groupBy: ["API_KEY"] }), "apiKeyId")).toEqual([
      [s.k2, 3, "0.0130000001"],
      [s.k1, 2, "0.003"],
      [s.k3, 1, "0.0005"],
    ]);
    expect(summary(await ok({ groupBy: ["PROVIDER"] }), "providerId")).toEqual([
      ["openai", 4, "0.0135000001"],
      ["anthropic", 2, "0.003"],
    ]);
    expect(summary(await ok({ groupBy: ["MODEL"] }), "model")).toEqual([
      ["gpt-4o-mini", 4, "0.0135000001"],
      ["claude-3-5-haiku", 2, "0.003"],
    ]);
    const bySource = await ok({ groupBy: ["KEY_SOURCE"] });
    expect(bySource.groups).toEqual([
      {
        key: key({ keySource: "credits" }),
        figures: { requests: 4, errors: 1, promptTokens: 1300, completionTokens: 160, cachedTokens: 510, reasoningTokens: 0, costTotal: "0.0130000001", costPaidWithCredits: "0.0130000001", costWithOwnKeys: "0", markupCharged: "0", amountBilled: "0.0130000001", averageLatencyMs: 150 },
      },
      {
        key: key({ keySource: "byok" }),
        figures: { requests: 2, errors: 0, promptTokens: 350, completionTokens: 70, cachedTokens: 0, reasoningTokens: 30, costTotal: "0.0035", costPaidWithCredits: "0", costWithOwnKeys: "0.0035", markupCharged: "0.000175", amountBilled: "0.000175", averageLatencyMs: 300 },
      },
    ]);
  });

  it("groups by several dimensions at once, per bucket", async () => {
    const r = await ok({ bucket: "HOUR", from: "2025-06-30T22:00:00Z", to: "2025-07-01T02:00:00Z", groupBy: ["KEY_SOURCE", "PROJECT", "MODEL"] });
    expect(r.groupBy).toEqual(["PROJECT", "MODEL", "KEY_SOURCE"]);
    expect(r.series.map((b) => b.groups.map((g) => [g.key.projectId === s.p1 ? "p1" : "p2", g.key.model, g.key.keySource, g.figures.requests, g.figures.amountBilled]))).toEqual([
      [["p1", "gpt-4o-mini", "credits", 2, "0.003"]],
      [["p1", "gpt-4o-mini", "byok", 1, "0.000025"]],
      [
        ["p2", "claude-3-5-haiku", "byok", 1, "0.00015"],
        ["p2", "claude-3-5-haiku", "credits", 1, "0"],
      ],
      [["p2", "gpt-4o-mini", "credits", 1, "0.0100000001"]],
    ]);
    expect(r.groups).toHaveLength(5);
    expect(r.groups.every((g) => g.key.apiKeyId === null && g.key.providerId === null)).toBe(true);
  });

  it("resolves the project and API key of a group", async () => {
    const res = await h.gql<{ usage: { groups: Array<{ key: { project: { name: string } | null; apiKey: { name: string } | null } }> } }>(
      `query ($input: UsageInput!) { usage(input: $input) { groups { key { project { name } apiKey { name } } } } }`,
      { input: { organizationId: s.orgId, from: "2025-06-30T00:00:00Z", to: "2025-07-02T00:00:00Z", groupBy: ["PROJECT", "API_KEY"] } },
      viewer,
    );
    expect(res.data.usage.groups.map((g) => [g.key.project?.name, g.key.apiKey?.name])).toEqual([
      ["Two", "k2"],
      ["One", "k1"],
      ["One", "k3"],
    ]);
  });

  it("filters by project, API key, provider, model and key source", async () => {
    const totals = async (filter: Record<string, unknown>) => (await ok({ filter })).totals;
    expect(await totals({ projectIds: [s.p1] })).toMatchObject({ requests: 3, costTotal: "0.0035" });
    expect(await totals({ apiKeyIds: [s.k1, s.k3] })).toMatchObject({ requests: 3, costTotal: "0.0035" });
    expect(await totals({ providerIds: ["anthropic"] })).toMatchObject({ requests: 2, errors: 1, costTotal: "0.003" });
    expect(await totals({ models: ["gpt-4o-mini"] })).toMatchObject({ requests: 4, costTotal: "0.0135000001" });
    expect(await totals({ keySources: ["byok"] })).toMatchObject({ requests: 2, costWithOwnKeys: "0.0035", costPaidWithCredits: "0", markupCharged: "0.000175" });
    expect(await totals({ projectIds: [s.p2], keySources: ["credits"], models: ["gpt-4o-mini"] })).toMatchObject({ requests: 1, amountBilled: "0.0100000001" });
    expect(await totals({ projectIds: [] })).toEqual(ALL);
    expect(await totals({ projectIds: ["prj_nope"] })).toEqual({ ...ALL, requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, costTotal: "0", costPaidWithCredits: "0", costWithOwnKeys: "0", markupCharged: "0", amountBilled: "0", averageLatencyMs: null });
  });

  it("refuses bad ranges and oversized filters, naming the field", async () => {
    const fails = async (input: Record<string, unknown>) => {
      const res = await report(input);
      expect(res.data.usage).toBeNull();
      return res.errors?.map((e) => [e.extensions?.code, (e.extensions as { field?: string } | undefined)?.field]);
    };
    expect(await fails({ from: "2025-07-02T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toEqual([["BAD_INPUT", "to"]]);
    expect(await fails({ from: "2025-07-01T00:00:00Z", to: "2025-07-01T00:00:00Z" })).toEqual([["BAD_INPUT", "to"]]);
    expect(await fails({ bucket: "HOUR", from: "2025-06-01T00:00:00Z", to: "2025-07-02T00:00:01Z" })).toEqual([["BAD_INPUT", "to"]]);
    expect(await fails({ bucket: "DAY", from: "2023-01-01T00:00:00Z", to: "2025-07-02T00:00:00Z" })).toEqual([["BAD_INPUT", "to"]]);
    expect(await fails({ filter: { models: Array.from({ length: 101 }, (_, i) => `m${i}`) } })).toEqual([["BAD_INPUT", "filter.models"]]);
    expect((await report({ bucket: "HOUR", from: "2025-06-01T00:00:00Z", to: "2025-07-02T00:00:00Z" })).errors).toBeUndefined();
    expect((await report({ from: "2023-07-02T00:00:00Z", to: "2025-07-02T00:00:00Z" })).errors).toBeUndefined();
  });

  it("is for the organization's members only: outsiders and strangers' ids get not found", async () => {
    const outside = await report({}, outsider);
    expect(outside.data.usage).toBeNull();
    expect(outside.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const unknown = await h.gql<{ usage: Report | null }>(REPORT, { input: { organizationId: "org_nope", from: "2025-06-30T00:00:00Z", to: "2025-07-02T00:00:00Z" } }, viewer);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    const anonymous = await h.gql<{ usage: Report | null }>(REPORT, { input: { organizationId: s.orgId, from: "2025-06-30T00:00:00Z", to: "2025-07-02T00:00:00Z" } });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  });
});
