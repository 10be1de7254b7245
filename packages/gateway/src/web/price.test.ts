// Search prices and billing, without HTTP: catalog data in shape and in step with the adapters,
// Exa's per-result price, the credits margin and an organization's own BYOK rate.
import { searchPriceAt, searchPrices, searchProviderIds } from "@switchyard/catalog";
import { exaModes, searchProviders } from "@switchyard/websearch";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { chargeSearch, searchCost, searchEvent } from "./price.ts";

const now = new Date();
const rates = { byokMarkup: new Decimal("0.05"), creditsMargin: new Decimal("0.1") };

describe("catalog search prices", () => {
  it("price exactly the adapters' providers, in the documented order", () => {
    expect([...searchProviderIds]).toEqual(searchProviders.map((p) => p.id));
    expect(searchProviderIds).toEqual(["tavily", "exa", "kagi", "perplexity"]);
  });

  it("have a price in effect now for every provider, as positive decimal strings with a source", () => {
    for (const id of searchProviderIds) {
      const price = searchPriceAt(id, now)!;
      expect(price, id).toBeDefined();
      for (const value of [price.perSearch.basic, price.perSearch.advanced, price.perExtraResult ?? "1"]) {
        expect(value).toMatch(/^\d+\.\d+$|^\d+$/);
        expect(new Decimal(value).greaterThan(0)).toBe(true);
      }
      expect(price.source).toMatch(/^https:\/\//);
      expect(price.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(Object.keys(searchPrices)).toEqual([...searchProviderIds]);
  });

  it("have no price before a provider's first dated price, and none for unknown providers", () => {
    expect(searchPriceAt("exa", new Date("2026-03-02T23:59:59Z"))).toBeUndefined();
    expect(searchPriceAt("exa", new Date("2026-03-03T00:00:00Z"))).toBeDefined();
    expect(searchPriceAt("bing", now)).toBeUndefined();
  });
});

describe("searchCost", () => {
  const exa = searchPriceAt("exa", now);
  it("is the price per search by depth", () => {
    expect(searchCost(searchPriceAt("tavily", now), "basic", 20).total.toString()).toBe("0.008");
    expect(searchCost(searchPriceAt("tavily", now), "advanced", 20).total.toString()).toBe("0.016");
  });

  it("adds Exa's price per result beyond the ten included, exactly", () => {
    expect(searchCost(exa, "basic", 10).total.toString()).toBe("0.007");
    expect(searchCost(exa, "basic", 11).total.toString()).toBe("0.008");
    expect(searchCost(exa, "advanced", 20).total.toString()).toBe("0.022");
    expect(searchCost(exa, "advanced", 20).webSearch.toString()).toBe("0.022");
  });

  it("prices an Exa search type chosen with exa_mode by type, results beyond ten on top", () => {
    expect(searchCost(exa, "basic", 10, "deep-reasoning").total.toString()).toBe("0.015");
    expect(searchCost(exa, "advanced", 12, "neural").total.toString()).toBe("0.009");
    expect(searchCost(exa, "basic", 5, "deep").total.toString()).toBe("0.012");
  });

  it("has a price for every Exa mode a request may choose", () => {
    for (const mode of exaModes) expect(exa?.perSearchByMode?.[mode], mode).toMatch(/^\d+\.\d+$/);
  });

  it("is zero without a price", () => {
    expect(searchCost(undefined, "basic", 5).total.isZero()).toBe(true);
  });
});

describe("chargeSearch", () => {
  const base = { providerId: "kagi", depth: "basic" as const, results: 5, at: now, rates };

  it("credits: the price plus the operator's margin", () => {
    const { billing, cost } = chargeSearch({ ...base, keySource: "credits", byokMarkupRate: null });
    expect(cost.total.toString()).toBe("0.025");
    expect(billing.markup.toFixed(10)).toBe("0.0025000000");
    expect(billing.amountBilled.toFixed(10)).toBe("0.0275000000");
  });

  it("own key: the markup rate times the at-cost price, the organization's rate first", () => {
    expect(chargeSearch({ ...base, keySource: "byok", byokMarkupRate: null }).billing.amountBilled.toFixed(10)).toBe("0.0012500000");
    const own = chargeSearch({ ...base, keySource: "byok", byokMarkupRate: "0.08" }).billing;
    expect(own.markup.toFixed(10)).toBe("0.0020000000");
    expect(own.amountBilled.toFixed(10)).toBe("0.0020000000");
  });

  it("makes a usage event with no tokens and the search price as the request cost", () => {
    const charge = chargeSearch({ ...base, keySource: "credits", byokMarkupRate: null });
    const event = searchEvent({
      requestId: "req_1",
      key: { organizationId: "org_1", projectId: "prj_1", apiKeyId: "key_1" },
      providerId: "kagi",
      depth: "basic",
      keySource: "credits",
      charge,
      at: new Date("2026-11-23T10:00:00Z"),
      outcome: { status: "success", httpStatus: 200, errorCode: null, attempts: 1, latencyMs: 12 },
    });
    expect(event).toEqual({
      requestId: "req_1",
      organizationId: "org_1",
      projectId: "prj_1",
      apiKeyId: "key_1",
      providerId: "kagi",
      model: "search:basic",
      upstreamModel: "search:basic",
      endpoint: "web.search",
      keySource: "credits",
      promptTokens: 0,
      completionTokens: 0,
      cachedTokens: 0,
      reasoningTokens: 0,
      usageEstimated: false,
      priced: true,
      cost: { input: "0.0000000000", cachedInput: "0.0000000000", output: "0.0000000000", reasoning: "0.0000000000", request: "0.0000000000", audio: "0.0000000000", image: "0.0000000000", webSearch: "0.0250000000", total: "0.0250000000" },
      markup: "0.0025000000",
      amountBilled: "0.0275000000",
      latencyMs: 12,
      timeToFirstTokenMs: null,
      status: "success",
      httpStatus: 200,
      errorCode: null,
      attempts: 1,
      createdAt: "2026-11-23T10:00:00.000Z",
    });
  });
});
