// Provider failures and money: a rejected own key falls back to the house key (hybrid), a named
// provider's failure is the client's answer (429 with retry-after passed on, 502, 504), an unnamed
// search fails over to the next provider, and credits-paid searches need a positive balance.
// The mock answers by key: "bad" → 401, "ratelimited" → 429 (retry-after: 7), "down" → 500,
// "slow" → 3 s (the harness's upstream timeout here is 1 s).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { keyOf, search } from "./test-helpers.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    upstreamHeadersTimeoutMs: 1000,
    webSearch: { houseKeys: { tavily: "house-ratelimited-tavily", exa: "house-down-exa", kagi: "house-kagi", perplexity: "house-bad-perplexity" } },
  });
}, 60_000);
afterAll(() => h.close());

beforeEach(async () => {
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  h.caches.searchKeys?.invalidate(h.orgId);
  await h.setBalance("100");
  h.searchMock!.requests.length = 0;
  h.events.length = 0;
});

const seen = () => h.searchMock!.requests.map((r) => `${r.provider}:${keyOf(r)}`);

describe("own key rejected", () => {
  it("hybrid: a 401 on the own key falls back to the same provider's house key, billed as credits", async () => {
    await h.setSearchKey("kagi", "own-bad-kagi");
    const { status, json, headers } = await search(h, await h.project("hybrid"), { query: "fallback", provider: "kagi" });
    expect(status).toBe(200);
    expect(seen()).toEqual(["kagi:own-bad-kagi", "kagi:house-kagi"]);
    expect(headers.get("x-switchyard-key-source")).toBe("credits");
    expect(headers.get("x-switchyard-attempts")).toBe("2");
    expect(headers.get("x-switchyard-byok-error")).toBe("key_rejected:kagi");
    expect(json.usage).toMatchObject({ key_source: "credits", billed_usd: 0.025 });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ keySource: "credits", amountBilled: "0.0250000000", attempts: 2, status: "success" });
  });

  it("byok: a 401 on the own key is a 403 provider_key_rejected, with no fallback and nothing billed", async () => {
    await h.setSearchKey("kagi", "own-bad-kagi");
    const { status, json } = await search(h, await h.project("byok"), { query: "rejected", provider: "kagi" });
    expect(status).toBe(403);
    expect(json.error).toMatchObject({ code: "provider_key_rejected", type: "permission_error" });
    expect(json.error!.message).toContain("Kagi (kagi)");
    expect(json.error!.message).not.toContain("own-bad-kagi");
    expect(seen()).toEqual(["kagi:own-bad-kagi"]);
    expect(h.events).toEqual([expect.objectContaining({ status: "upstream_error", httpStatus: 403, errorCode: "provider_key_rejected", keySource: "byok", amountBilled: "0.0000000000", cost: expect.objectContaining({ total: "0.0000000000" }) })]);
  });

  it("a 403 on the own key with x-use-byok in hybrid is also provider_key_rejected", async () => {
    await h.setSearchKey("kagi", "own-forbidden-kagi");
    const { status, json } = await search(h, await h.project("hybrid"), { query: "forbidden", provider: "kagi" }, { "x-use-byok": "true" });
    expect(status).toBe(403);
    expect(json.error?.code).toBe("provider_key_rejected");
    expect(seen()).toEqual(["kagi:own-forbidden-kagi"]);
  });

  it("hybrid without credits fallback stops at the own key", async () => {
    await h.setSearchKey("kagi", "own-ratelimited-kagi");
    const { status, headers } = await search(h, await h.project("hybrid", { allowCreditsFallback: false }), { query: "no fallback", provider: "kagi" });
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("7");
    expect(seen()).toEqual(["kagi:own-ratelimited-kagi"]);
  });
});

describe("a named provider's failure is the answer", () => {
  it("429 is passed on with retry-after", async () => {
    const { status, json, headers } = await search(h, await h.project("credits"), { query: "busy", provider: "tavily" });
    expect(status).toBe(429);
    expect(headers.get("retry-after")).toBe("7");
    expect(json.error).toMatchObject({ code: "rate_limited", type: "rate_limit_error" });
    expect(seen()).toEqual(["tavily:house-ratelimited-tavily"]);
    expect(h.events).toEqual([expect.objectContaining({ status: "upstream_error", httpStatus: 429, providerId: "tavily", amountBilled: "0.0000000000" })]);
  });

  it("a provider's 500 is a 502", async () => {
    const { status, json } = await search(h, await h.project("credits"), { query: "down", provider: "exa" });
    expect(status).toBe(502);
    expect(json.error).toMatchObject({ code: "upstream_error", type: "api_error" });
    expect(seen()).toEqual(["exa:house-down-exa"]);
  });

  it("a rejected house key is the operator's problem: 502, not the customer's key", async () => {
    const { status, json } = await search(h, await h.project("credits"), { query: "operator", provider: "perplexity" });
    expect(status).toBe(502);
    expect(json.error?.code).toBe("upstream_error");
    expect(json.error?.message).toContain("operator");
  });

  it("a provider that does not answer in time is a 504", async () => {
    await h.setSearchKey("exa", "own-slow-exa");
    const { status, json } = await search(h, await h.project("byok"), { query: "slow", provider: "exa" });
    expect(status).toBe(504);
    expect(json.error?.code).toBe("upstream_timeout");
  });
});

describe("an unnamed search fails over to the next provider", () => {
  it("past a rate limit and a server error, to the first provider that answers", async () => {
    const { status, json, headers } = await search(h, await h.project("credits"), { query: "failover" });
    expect(status).toBe(200);
    expect(seen()).toEqual(["tavily:house-ratelimited-tavily", "exa:house-down-exa", "kagi:house-kagi"]);
    expect(json.provider).toBe("kagi");
    expect(headers.get("x-switchyard-attempts")).toBe("3");
    expect(h.events).toEqual([expect.objectContaining({ providerId: "kagi", attempts: 3, status: "success", amountBilled: "0.0250000000" })]);
  });

  it("in hybrid, from a rejected own key to its house key before the next provider", async () => {
    await h.setSearchKey("tavily", "own-bad-tavily");
    await h.setSearchKey("exa", "own-exa");
    const { status, json } = await search(h, await h.project("hybrid"), { query: "hybrid failover" });
    expect(status).toBe(200);
    expect(seen()).toEqual(["tavily:own-bad-tavily", "tavily:house-ratelimited-tavily", "exa:own-exa"]);
    expect(json.provider).toBe("exa");
    expect(json.usage).toMatchObject({ key_source: "byok" });
  });

  it("with nothing left to try, the last failure is the answer", async () => {
    await h.setSearchKey("tavily", "own-down-tavily");
    const { status } = await search(h, await h.project("byok"), { query: "all down" });
    expect(status).toBe(502);
    expect(seen()).toEqual(["tavily:own-down-tavily"]);
  });
});

describe("credits", () => {
  it("a credits-paid search needs a positive balance (402)", async () => {
    await h.setBalance("0");
    for (const mode of ["credits", "hybrid"] as const) {
      const { status, json } = await search(h, await h.project(mode), { query: "broke", provider: "kagi" });
      expect(status).toBe(402);
      expect(json.error).toMatchObject({ code: "insufficient_credits", type: "insufficient_quota" });
    }
    expect(seen()).toEqual([]);
  });

  it("an own key still works without credits", async () => {
    await h.setBalance("0");
    await h.setSearchKey("kagi", "own-kagi");
    const { status, json } = await search(h, await h.project("hybrid"), { query: "own key", provider: "kagi" });
    expect(status).toBe(200);
    expect(json.usage).toMatchObject({ key_source: "byok", markup_usd: 0.00125 });
  });

  it("an own key failing without credits left does not fall back to credits", async () => {
    await h.setBalance("-1");
    await h.setSearchKey("kagi", "own-down-kagi");
    const { status } = await search(h, await h.project("hybrid"), { query: "no credits", provider: "kagi" });
    expect(status).toBe(502);
    expect(seen()).toEqual(["kagi:own-down-kagi"]);
  });
});
