// POST /v1/embeddings split into batches where one batch fails: the error reaches the client, the
// batches that succeeded (the provider charged for them) are billed on the request's usage event,
// and no other key is tried after tokens were consumed (the client would pay twice).
import { Decimal } from "decimal.js";
import { countTextTokens } from "@switchyard/metering";
import { MOCK_AWS_CREDENTIALS, mockTokenCount, startBedrockMock, startGeminiMock, type BedrockMock, type GeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let gemini: GeminiMock;
let bedrock: BedrockMock;

beforeAll(async () => {
  [gemini, bedrock] = await Promise.all([startGeminiMock({ validKeys: ["house-google", "AIza-org-key"] }), startBedrockMock()]);
  h = await startHarness({ baseUrls: { google: gemini.url, aws: bedrock.url }, houseKeySecrets: { aws: JSON.stringify(MOCK_AWS_CREDENTIALS) } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await Promise.all([gemini.close(), bedrock.close()]);
});
beforeEach(() => {
  for (const mock of [h.mock, gemini, bedrock]) mock.reset();
  h.events.length = 0;
});

const INPUT = Array.from({ length: 250 }, (_, i) => `passage number ${i} of the corpus`);
const post = async (apiKey: string, body: Record<string, unknown>) => {
  const res = await fetch(`${h.url}/v1/embeddings`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { res, body: (await res.json()) as { error?: { code: string; message: string } } };
};

describe("a split request whose second batch fails", () => {
  it("Bedrock Cohere (batches of 96): the refusal is returned, the tokens of the batches that succeeded are billed", async () => {
    const apiKey = await h.project("credits");
    bedrock.script((req) => ((req.body as { texts?: string[] }).texts?.[0] === INPUT[96] ? { error: { type: "ValidationException", status: 400, message: "Malformed input request: refused" } } : undefined));
    const { res, body } = await post(apiKey, { model: "cohere.embed-english-v3", input: INPUT });
    expect(res.status).toBe(400);
    expect(body.error!.message).toContain("refused");
    // Three batches (96, 96, 58) were in flight at once: the 1st and 3rd answered, the 2nd was refused.
    expect(bedrock.requests.map((r) => (r.body as { texts: string[] }).texts.length).sort()).toEqual([58, 96, 96]);
    const consumed = [...INPUT.slice(0, 96), ...INPUT.slice(192)].reduce((sum, text) => sum + mockTokenCount(text), 0);
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "embeddings", status: "upstream_error", httpStatus: 400, keySource: "credits", attempts: 1, promptTokens: consumed, usageEstimated: false });
    const cost = new Decimal(consumed).times("0.10").div(1e6);
    expect(event.cost.total).toBe(cost.toFixed(10));
    expect(event.amountBilled).toBe(cost.toFixed(10));
  });

  it("hybrid mode: an own Google key whose 2nd batch fails is not retried on credits, and the markup on the consumed tokens is billed", async () => {
    const apiKey = await h.project("hybrid");
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    h.caches.orgKeys.invalidate(h.orgId);
    await h.setOrgKey("google", "AIza-org-key");
    gemini.script((req) => {
      const first = (req.body as { requests?: Array<{ content: { parts: Array<{ text: string }> } }> }).requests?.[0]?.content.parts[0]?.text;
      return first === INPUT[100] ? { error: { status: 500 } } : undefined;
    });
    const { res, body } = await post(apiKey, { model: "gemini-embedding-001", input: INPUT });
    expect(res.status).toBe(502);
    expect(body.error!.code).toBe("upstream_error");
    // Only the organization's key was used: the credits fallback would have embedded everything again.
    expect(gemini.requests.map((r) => r.headers["x-goog-api-key"])).toEqual(["AIza-org-key", "AIza-org-key", "AIza-org-key"]);
    const consumed = [...INPUT.slice(0, 100), ...INPUT.slice(200)].reduce((sum, text) => sum + countTextTokens(text), 0);
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ status: "upstream_error", httpStatus: 502, keySource: "byok", attempts: 1, promptTokens: consumed, usageEstimated: true });
    const cost = new Decimal(consumed).times("0.15").div(1e6);
    expect(event.cost.total).toBe(cost.toFixed(10));
    expect(event.amountBilled).toBe(cost.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP));
  });

  it("hybrid mode: a failure before any batch succeeded still falls back to credits", async () => {
    const apiKey = await h.project("hybrid");
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    h.caches.orgKeys.invalidate(h.orgId);
    await h.setOrgKey("google", "AIza-org-key");
    gemini.script((req) => (req.headers["x-goog-api-key"] === "AIza-org-key" ? { error: { status: 500 } } : undefined));
    const { res } = await post(apiKey, { model: "gemini-embedding-001", input: INPUT.slice(0, 50) });
    expect(res.status).toBe(200);
    expect(gemini.requests.map((r) => r.headers["x-goog-api-key"])).toEqual(["AIza-org-key", "house-google"]);
    expect(h.events[0]).toMatchObject({ status: "success", keySource: "credits", attempts: 2 });
  });
});
