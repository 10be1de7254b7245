import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { bill } from "./billing.ts";
import { computeCost, ZERO_COST } from "./cost.ts";
import { costToStrings } from "./cost-strings.ts";
import { usageResponseFields } from "./response-usage.ts";
import type { NormalizedUsage } from "./usage.ts";

const usage: NormalizedUsage = { promptTokens: 1234, cachedTokens: 1024, completionTokens: 1000, reasoningTokens: 600, estimated: false };
const price = { effectiveFrom: "2025-01-01", inputPerMTok: "0.15", cachedInputPerMTok: "0.075", outputPerMTok: "0.60", reasoningPerMTok: "1.2", perRequest: "0.001", source: "https://example.com" };
// input 0.0000315, cached 0.0000768, output 400 × 0.6 = 0.00024, reasoning 600 × 1.2 = 0.00072, request 0.001
const cost = computeCost(price, usage);

describe("usageResponseFields", () => {
  it("reports credits usage", () => {
    const billing = bill({ keySource: "credits", cost, creditsMargin: new Decimal("0.1") });
    expect(cost.total.toFixed()).toBe("0.0020683");
    expect(usageResponseFields({ usage, cost, billing, keySource: "credits", priced: true })).toEqual({
      cost_usd_total: 0.0020683,
      cost_usd_input: 0.0000315,
      cost_usd_cached_input: 0.0000768,
      cost_usd_output: 0.00096,
      cost_usd_request: 0.001,
      cost: 0.00227513,
      cost_details: { upstream_inference_cost: 0.0020683 },
      is_byok: false,
      key_source: "credits",
      markup_usd: 0.00020683,
      billed_usd: 0.00227513,
      usage_estimated: false,
      cost_priced: true,
    });
  });

  it("reports BYOK usage: the charge is the markup, the provider cost is upstream", () => {
    const billing = bill({ keySource: "byok", cost });
    const fields = usageResponseFields({ usage: { ...usage, estimated: true }, cost, billing, keySource: "byok", priced: true });
    expect(fields).toMatchObject({
      cost_usd_total: 0.0020683,
      cost: 0.000103415,
      markup_usd: 0.000103415,
      billed_usd: 0.000103415,
      cost_details: { upstream_inference_cost: 0.0020683 },
      is_byok: true,
      key_source: "byok",
      usage_estimated: true,
    });
  });

  it("marks an unpriced model", () => {
    const billing = bill({ keySource: "credits", cost: ZERO_COST });
    const fields = usageResponseFields({ usage, cost: ZERO_COST, billing, keySource: "credits", priced: false });
    expect(fields).toMatchObject({ cost_usd_total: 0, cost: 0, billed_usd: 0, cost_priced: false });
  });

  it("makes cost equal cost_usd_total for credits without a margin", () => {
    const billing = bill({ keySource: "credits", cost });
    const fields = usageResponseFields({ usage, cost, billing, keySource: "credits", priced: true });
    expect(fields.cost).toBe(fields.cost_usd_total);
  });

  it("rounds to 10 decimal places before turning into numbers", () => {
    const tiny = computeCost({ ...price, inputPerMTok: "0.00003", perRequest: undefined }, { ...usage, promptTokens: 1, cachedTokens: 0, completionTokens: 0, reasoningTokens: 0 });
    expect(tiny.total.toFixed()).toBe("0.00000000003");
    const fields = usageResponseFields({ usage, cost: tiny, billing: bill({ keySource: "credits", cost: tiny }), keySource: "credits", priced: true });
    expect(fields.cost_usd_total).toBe(0);
    expect(JSON.parse(JSON.stringify(fields)).cost_usd_input).toBe(0);
  });
});

describe("costToStrings", () => {
  it("gives fixed 10-place strings, never exponent notation", () => {
    expect(costToStrings(cost)).toEqual({
      input: "0.0000315000",
      cachedInput: "0.0000768000",
      output: "0.0002400000",
      reasoning: "0.0007200000",
      request: "0.0010000000",
      audio: "0.0000000000",
      image: "0.0000000000",
      webSearch: "0.0000000000",
      total: "0.0020683000",
    });
    const oneToken = computeCost({ ...price, cachedInputPerMTok: undefined, perRequest: undefined }, { promptTokens: 1, cachedTokens: 0, completionTokens: 0, reasoningTokens: 0, estimated: false });
    expect(oneToken.total.toString()).toBe("1.5e-7");
    expect(costToStrings(oneToken).total).toBe("0.0000001500");
    expect(costToStrings(ZERO_COST)).toEqual({ input: "0.0000000000", cachedInput: "0.0000000000", output: "0.0000000000", reasoning: "0.0000000000", request: "0.0000000000", audio: "0.0000000000", image: "0.0000000000", webSearch: "0.0000000000", total: "0.0000000000" });
  });

  it("rounds half up at the 10th place and keeps large amounts whole", () => {
    const big = { ...ZERO_COST, total: new Decimal("123456789.00000000005"), input: new Decimal("1e21") };
    const strings = costToStrings(big);
    expect(strings.total).toBe("123456789.0000000001");
    expect(strings.input).toBe("1000000000000000000000.0000000000");
  });
});
