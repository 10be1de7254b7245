import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { bill } from "./billing.ts";
import { computeCost, type CostBreakdown, ZERO_COST } from "./cost.ts";

const total = (value: string): CostBreakdown => ({ ...ZERO_COST, input: new Decimal(value), total: new Decimal(value) });
// gpt-4o-mini, 1234 prompt tokens (1024 cached), 567 completion tokens: 0.0004485 USD.
const gpt4oMiniCost = computeCost(
  { effectiveFrom: "2024-07-18", inputPerMTok: "0.15", cachedInputPerMTok: "0.075", outputPerMTok: "0.60", source: "https://openai.com/api/pricing" },
  { promptTokens: 1234, cachedTokens: 1024, completionTokens: 567, reasoningTokens: 0, estimated: false },
);
const fixed = (b: { markup: Decimal; amountBilled: Decimal }) => ({ markup: b.markup.toFixed(), amountBilled: b.amountBilled.toFixed() });

describe("bill: credits", () => {
  it("bills the provider cost with no margin by default", () => {
    expect(fixed(bill({ keySource: "credits", cost: gpt4oMiniCost }))).toEqual({ markup: "0", amountBilled: "0.0004485" });
  });

  it("adds the credits margin", () => {
    expect(fixed(bill({ keySource: "credits", cost: gpt4oMiniCost, creditsMargin: new Decimal("0.1") }))).toEqual({ markup: "0.00004485", amountBilled: "0.00049335" });
  });

  it("ignores the BYOK rate and paid equivalent", () => {
    const b = bill({ keySource: "credits", cost: total("0"), byokMarkupRate: new Decimal("0.05"), paidEquivalentCost: total("1") });
    expect(fixed(b)).toEqual({ markup: "0", amountBilled: "0" });
  });

  it("rounds to 10 decimal places, half up, so the parts add up", () => {
    // 0.00000000015 × 0.5 = 0.000000000075 → 0.0000000001; cost 0.00000000015 → 0.0000000002.
    const b = bill({ keySource: "credits", cost: total("0.00000000015"), creditsMargin: new Decimal("0.5") });
    expect(fixed(b)).toEqual({ markup: "0.0000000001", amountBilled: "0.0000000003" });
    const down = bill({ keySource: "credits", cost: total("1.00000000004999"), creditsMargin: new Decimal(0) });
    expect(down.amountBilled.toFixed()).toBe("1");
  });
});

describe("bill: byok", () => {
  it("charges only a 5% markup by default", () => {
    // 5% of 0.0004485 = 0.000022425
    expect(fixed(bill({ keySource: "byok", cost: gpt4oMiniCost }))).toEqual({ markup: "0.000022425", amountBilled: "0.000022425" });
  });

  it("uses the configured markup rate", () => {
    expect(fixed(bill({ keySource: "byok", cost: total("2"), byokMarkupRate: new Decimal("0.03") }))).toEqual({ markup: "0.06", amountBilled: "0.06" });
    expect(fixed(bill({ keySource: "byok", cost: total("2"), byokMarkupRate: new Decimal(0) }))).toEqual({ markup: "0", amountBilled: "0" });
  });

  it("bases the markup of a free model on its paid equivalent", () => {
    const b = bill({ keySource: "byok", cost: ZERO_COST, paidEquivalentCost: gpt4oMiniCost });
    expect(fixed(b)).toEqual({ markup: "0.000022425", amountBilled: "0.000022425" });
  });

  it("charges nothing for a free model without a paid equivalent", () => {
    expect(fixed(bill({ keySource: "byok", cost: ZERO_COST }))).toEqual({ markup: "0", amountBilled: "0" });
  });

  it("prefers the model's own cost over its paid equivalent", () => {
    expect(bill({ keySource: "byok", cost: total("1"), paidEquivalentCost: total("100") }).markup.toFixed()).toBe("0.05");
  });

  it("rounds the markup to 10 decimal places, half up", () => {
    // 5% of 0.000000001 = 0.00000000005 → 0.0000000001; 5% of 0.0000000009 = 0.000000000045 → 0
    expect(bill({ keySource: "byok", cost: total("0.000000001") }).markup.toFixed()).toBe("0.0000000001");
    expect(bill({ keySource: "byok", cost: total("0.0000000009") }).markup.toFixed()).toBe("0");
    expect(bill({ keySource: "byok", cost: total("0.123456789012345") }).markup.toFixed(10)).toBe("0.0061728395");
  });
});

describe("bill: rates", () => {
  it("rejects negative or non-finite rates", () => {
    expect(() => bill({ keySource: "credits", cost: total("1"), creditsMargin: new Decimal("-0.1") })).toThrow(RangeError);
    expect(() => bill({ keySource: "byok", cost: total("1"), byokMarkupRate: new Decimal(Number.NaN) })).toThrow(RangeError);
    expect(() => bill({ keySource: "byok", cost: total("1"), byokMarkupRate: new Decimal(Number.POSITIVE_INFINITY) })).toThrow(RangeError);
  });
});
