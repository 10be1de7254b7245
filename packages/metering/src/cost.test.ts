import type { Price } from "@switchyard/catalog";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { computeCost, type CostBreakdown } from "./cost.ts";
import type { NormalizedUsage } from "./usage.ts";

const price = (p: Partial<Price>): Price => ({ effectiveFrom: "2024-07-18", inputPerMTok: "0", outputPerMTok: "0", source: "https://example.com/pricing", ...p });
const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false, ...u });
const fixed = (c: CostBreakdown): Record<keyof CostBreakdown, string> => ({
  input: c.input.toFixed(),
  cachedInput: c.cachedInput.toFixed(),
  output: c.output.toFixed(),
  reasoning: c.reasoning.toFixed(),
  request: c.request.toFixed(),
  total: c.total.toFixed(),
});

const gpt4oMini = price({ inputPerMTok: "0.15", cachedInputPerMTok: "0.075", outputPerMTok: "0.60" });

describe("computeCost", () => {
  it("prices gpt-4o-mini with a cached prefix exactly", () => {
    // 210 uncached × 0.15 + 1024 cached × 0.075 + 567 output × 0.60, per million.
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 1234, cachedTokens: 1024, completionTokens: 567 }));
    expect(fixed(cost)).toEqual({ input: "0.0000315", cachedInput: "0.0000768", output: "0.0003402", reasoning: "0", request: "0", total: "0.0004485" });
  });

  it("bills cached tokens at the input price when there is no cached price", () => {
    const cost = computeCost(price({ inputPerMTok: "2.5", outputPerMTok: "10" }), usage({ promptTokens: 1000, cachedTokens: 400, completionTokens: 0 }));
    expect(cost.input.toFixed()).toBe("0.0015");
    expect(cost.cachedInput.toFixed()).toBe("0.001");
    expect(cost.total.toFixed()).toBe("0.0025");
  });

  it("splits reasoning from output when reasoning has its own price", () => {
    const u = usage({ promptTokens: 100, completionTokens: 1000, reasoningTokens: 600 });
    const split = computeCost(price({ inputPerMTok: "2", outputPerMTok: "8", reasoningPerMTok: "10" }), u);
    expect(fixed(split)).toEqual({ input: "0.0002", cachedInput: "0", output: "0.0032", reasoning: "0.006", request: "0", total: "0.0094" });
  });

  it("bills reasoning as output when it has no price of its own", () => {
    const u = usage({ promptTokens: 100, completionTokens: 1000, reasoningTokens: 600 });
    const asOutput = computeCost(price({ inputPerMTok: "2", outputPerMTok: "8" }), u);
    expect(fixed(asOutput)).toEqual({ input: "0.0002", cachedInput: "0", output: "0.008", reasoning: "0", request: "0", total: "0.0082" });
  });

  it("adds the per-request fee", () => {
    const cost = computeCost(price({ inputPerMTok: "1", outputPerMTok: "1", perRequest: "0.005" }), usage({ promptTokens: 10, completionTokens: 10 }));
    expect(cost.request.toFixed()).toBe("0.005");
    expect(cost.total.toFixed()).toBe("0.00502");
    expect(computeCost(price({ perRequest: "0.005" }), usage({})).total.toFixed()).toBe("0.005");
  });

  it("is all zero without a price", () => {
    const cost = computeCost(undefined, usage({ promptTokens: 1000, completionTokens: 1000 }));
    expect(fixed(cost)).toEqual({ input: "0", cachedInput: "0", output: "0", reasoning: "0", request: "0", total: "0" });
  });

  it("has no floating point drift", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats.
    const cost = computeCost(price({ inputPerMTok: "0.1", outputPerMTok: "0.2" }), usage({ promptTokens: 1_000_000, completionTokens: 1_000_000 }));
    expect(cost.total.toFixed()).toBe("0.3");
    expect(cost.total.equals("0.3")).toBe(true);

    let sum = new Decimal(0);
    const tiny = computeCost(price({ inputPerMTok: "0.1" }), usage({ promptTokens: 1 }));
    let floatSum = 0;
    for (let i = 0; i < 10_000; i++) {
      sum = sum.plus(tiny.total);
      floatSum += 0.1 / 1e6;
    }
    expect(tiny.total.toFixed()).toBe("0.0000001");
    expect(sum.toFixed()).toBe("0.001");
    expect(floatSum).not.toBe(0.001); // what floats would have billed
  });

  it("keeps every digit of large counts and long prices", () => {
    // 987654321 × 0.123456789123456789 / 10⁶: 27 significant digits (decimal.js rounds at 20 by default).
    const cost = computeCost(price({ inputPerMTok: "0.123456789123456789" }), usage({ promptTokens: 987_654_321 }));
    expect(cost.input.toFixed()).toBe("121.932631234567900112635269");
  });

  it("never goes negative when details exceed totals", () => {
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 10, cachedTokens: 50, completionTokens: 5, reasoningTokens: 9 }));
    expect(cost.input.toFixed()).toBe("0");
    expect(cost.cachedInput.toFixed()).toBe("0.00000075");
    expect(cost.total.isNegative()).toBe(false);
  });

  it("returns Decimals", () => {
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 1 }));
    expect(cost.total).toBeInstanceOf(Decimal);
  });
});
