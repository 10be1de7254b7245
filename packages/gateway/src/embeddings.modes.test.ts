// POST /v1/embeddings in every project mode with the BYOK controls, through the official OpenAI
// SDK: which key the upstream saw, how many attempts were made, and who paid (credits: the cost;
// an own key: the 5% markup). A Google AI Studio key used for gemini-embedding-001 in hybrid mode
// bills only the markup.
import { Decimal } from "decimal.js";
import OpenAI from "openai";
import { mockTokenCount, startGeminiMock, type GeminiMock } from "@switchyard/testing";
import { countTextTokens } from "@switchyard/metering";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";
import { type SdkAnswer, sdkAnswer } from "./testing/sdk-answer.ts";

let h: Harness;
let gemini: GeminiMock;
beforeAll(async () => {
  gemini = await startGeminiMock({ validKeys: ["house-google", "AIza-org-key"] });
  h = await startHarness({ baseUrls: { google: gemini.url } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await gemini.close();
});

const ORG = "sk-org-openai-111122223333";
const INLINE = "sk-inline-openai-444455556666";
const HOUSE = "house-openai";
const INPUT = ["first passage to embed", "second passage"];
const TOKENS = INPUT.reduce((sum, text) => sum + mockTokenCount(text), 0);

interface Row {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  orgKey: "none" | "active" | "inactive";
  headers?: Record<string, string>;
  byokConf?: { provider: string; credentials: string; fallback?: boolean };
  failing?: Record<string, number>;
  expect: { keys: string[]; source: "credits" | "byok" } | { error: number; code: string; keys: string[] };
}

const rows: Row[] = [
  { name: "credits uses the house key", mode: "credits", orgKey: "active", expect: { keys: [HOUSE], source: "credits" } },
  { name: "credits + x-use-byok uses the org key", mode: "credits", orgKey: "active", headers: { "x-use-byok": "true" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok uses the org key", mode: "byok", orgKey: "active", expect: { keys: [ORG], source: "byok" } },
  { name: "byok without a key", mode: "byok", orgKey: "none", expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "byok never falls back to credits", mode: "byok", orgKey: "active", failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "hybrid prefers the org key", mode: "hybrid", orgKey: "active", expect: { keys: [ORG], source: "byok" } },
  { name: "hybrid with a deactivated key uses credits", mode: "hybrid", orgKey: "inactive", expect: { keys: [HOUSE], source: "credits" } },
  { name: "hybrid falls back to credits on a rejected org key", mode: "hybrid", orgKey: "active", failing: { [ORG]: 401 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid falls back on an org key's server error", mode: "hybrid", orgKey: "active", failing: { [ORG]: 500 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid + x-use-byok does not fall back", mode: "hybrid", orgKey: "active", headers: { "x-use-byok": "true" }, failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "x-byok-provider forces the provider", mode: "hybrid", orgKey: "active", headers: { "x-byok-provider": "openai" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok_conf inline credentials in credits mode", mode: "credits", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf falls back to credits by default", mode: "hybrid", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE }, failing: { [INLINE]: 429 }, expect: { keys: [INLINE, HOUSE], source: "credits" } },
  { name: "a rejected inline key without fallback is a 403", mode: "credits", orgKey: "none", byokConf: { provider: "openai", credentials: INLINE, fallback: false }, failing: { [INLINE]: 401 }, expect: { error: 403, code: "provider_key_rejected", keys: [INLINE] } },
];

/** One request through the SDK (byok_conf rides in the body). */
function embed(apiKey: string, body: OpenAI.EmbeddingCreateParams & { byok_conf?: unknown }, headers: Record<string, string> = {}): Promise<SdkAnswer> {
  const client = new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0, defaultHeaders: headers });
  return sdkAnswer(client.embeddings.create(body).withResponse());
}

describe.each(rows)("$name", (row) => {
  it("routes to the expected key and bills the expected party", async () => {
    const apiKey = await h.project(row.mode);
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    h.caches.orgKeys.invalidate(h.orgId);
    if (row.orgKey !== "none") await h.setOrgKey("openai", ORG, row.orgKey);
    h.mock.reset();
    h.events.length = 0;
    h.mock.script((req) => {
      const status = row.failing?.[req.headers.authorization?.replace("Bearer ", "") ?? ""];
      return status ? { error: { status } } : undefined;
    });
    const res = await embed(apiKey, { model: "text-embedding-3-small", input: INPUT, ...(row.byokConf ? { byok_conf: row.byokConf } : {}) }, row.headers);
    expect(h.mock.requests.map((r) => r.headers.authorization?.replace("Bearer ", ""))).toEqual(row.expect.keys);
    expect(res.text).not.toContain(INLINE);
    expect(res.text).not.toContain(ORG);
    if ("error" in row.expect) {
      expect(res.status).toBe(row.expect.error);
      expect(res.code).toBe(row.expect.code);
      expect(h.events.every((e) => e.endpoint === "embeddings" && e.status === "upstream_error" && e.amountBilled === "0.0000000000")).toBe(true);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("x-switchyard-key-source")).toBe(row.expect.source);
    expect(res.headers.get("x-switchyard-attempts")).toBe(String(row.expect.keys.length));
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "embeddings", keySource: row.expect.source, attempts: row.expect.keys.length, promptTokens: TOKENS });
    const total = new Decimal(event.cost.total);
    expect(total.toNumber()).toBeCloseTo((TOKENS * 0.02) / 1e6, 15);
    if (row.expect.source === "credits") {
      expect(event.amountBilled).toBe(total.toFixed(10));
      expect(res.usage).toMatchObject({ key_source: "credits", is_byok: false });
    } else {
      expect(event.markup).toBe(total.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP));
      expect(event.amountBilled).toBe(event.markup);
      expect(res.usage).toMatchObject({ key_source: "byok", is_byok: true });
    }
  });
});

describe("Google AI Studio key in hybrid mode", () => {
  it("sends gemini-embedding-001 with the organization's key and bills only the markup on estimated tokens", async () => {
    const apiKey = await h.project("hybrid");
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    await h.setOrgKey("google", "AIza-org-key");
    gemini.reset();
    h.events.length = 0;
    const input = ["Switchyard routes embeddings", "to Gemini"];
    const res = await embed(apiKey, { model: "gemini-embedding-001", input, encoding_format: "float" });
    expect(res.status).toBe(200);
    expect(gemini.requests.map((r) => r.headers["x-goog-api-key"])).toEqual(["AIza-org-key"]);
    const tokens = input.reduce((sum, text) => sum + countTextTokens(text), 0);
    const cost = new Decimal(tokens).times("0.15").div(1e6);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "embeddings", providerId: "google", keySource: "byok", promptTokens: tokens, usageEstimated: true });
    expect(new Decimal(event.cost.total).toFixed(10)).toBe(cost.toFixed(10));
    expect(event.markup).toBe(cost.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP));
    expect(event.amountBilled).toBe(event.markup);
    expect(res.usage).toMatchObject({ prompt_tokens: tokens, key_source: "byok", is_byok: true, usage_estimated: true });
    expect(res.usage!.billed_usd).toBeCloseTo(cost.times("0.05").toNumber(), 10);
  });

  it("falls back to credits when the Google key is rejected, billing the cost", async () => {
    const apiKey = await h.project("hybrid");
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    await h.setOrgKey("google", "AIza-revoked");
    gemini.reset();
    h.events.length = 0;
    const res = await embed(apiKey, { model: "gemini-embedding-001", input: "fallback" });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-switchyard-byok-error")).toBe("key_rejected:google");
    expect(gemini.requests.map((r) => r.headers["x-goog-api-key"])).toEqual(["AIza-revoked", "house-google"]);
    expect(h.events[0]).toMatchObject({ keySource: "credits", attempts: 2 });
    expect(h.events[0]!.amountBilled).toBe(new Decimal(h.events[0]!.cost.total).toFixed(10));
  });
});
