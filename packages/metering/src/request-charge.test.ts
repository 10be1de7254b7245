import type { Price } from "@switchyard/catalog";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { chargeRequest, decimalCharge, exactCharge, type RequestChargeArgs } from "./request-charge.ts";
import type { NormalizedUsage } from "./usage.ts";

const price = (p: Partial<Price>): Price => ({ effectiveFrom: "2024-07-18", inputPerMTok: "0", outputPerMTok: "0", source: "https://example.com/pricing", ...p });
const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false, ...u });
const args = (a: Partial<RequestChargeArgs>): RequestChargeArgs => ({
  price: price({ inputPerMTok: "0.15", cachedInputPerMTok: "0.075", outputPerMTok: "0.60" }),
  usage: usage({ promptTokens: 1234, cachedTokens: 1024, completionTokens: 567 }),
  keySource: "credits",
  creditsMargin: new Decimal(0),
  byokMarkupRate: new Decimal("0.05"),
  ...a,
});

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("chargeRequest", () => {
  it("prices gpt-4o-mini exactly, as the Decimal computation does", () => {
    const charge = chargeRequest(args({}));
    expect(charge).toEqual(decimalCharge(args({})));
    expect(charge.cost).toEqual({ input: "0.0000315000", cachedInput: "0.0000768000", output: "0.0003402000", reasoning: "0.0000000000", request: "0.0000000000", audio: "0.0000000000", image: "0.0000000000", webSearch: "0.0000000000", total: "0.0004485000" });
    expect(charge.fields.cost_usd_total).toBe(0.0004485);
  });

  it("rounds half up at the tenth decimal place", () => {
    // 1 token at 0.00005 per million is 5e-11 USD: half of the last place, rounded up.
    const charge = exactCharge(args({ price: price({ inputPerMTok: "0.00005" }), usage: usage({ promptTokens: 1 }) }));
    expect(charge?.cost.total).toBe("0.0000000001");
    expect(charge).toEqual(decimalCharge(args({ price: price({ inputPerMTok: "0.00005" }), usage: usage({ promptTokens: 1 }) })));
    const below = args({ price: price({ inputPerMTok: "0.000049" }), usage: usage({ promptTokens: 1 }) });
    expect(exactCharge(below)?.cost.total).toBe("0.0000000000");
    expect(exactCharge(below)).toEqual(decimalCharge(below));
  });

  it("leaves to Decimal an amount beyond its 40 digits, a text that is not a plain decimal, a fractional count", () => {
    const huge = args({ price: price({ inputPerMTok: "999999999999999.999999999999" }), usage: usage({ promptTokens: 2 ** 52 }) });
    expect(exactCharge(huge)).toBeUndefined();
    expect(chargeRequest(huge)).toEqual(decimalCharge(huge));
    const exponent = args({ price: price({ inputPerMTok: "1e-7", outputPerMTok: "2" }) });
    expect(exactCharge(exponent)).toBeUndefined();
    expect(chargeRequest(exponent)).toEqual(decimalCharge(exponent));
    const fractional = args({ usage: usage({ promptTokens: 10.5 }) });
    expect(exactCharge(fractional)).toBeUndefined();
    expect(chargeRequest(fractional)).toEqual(decimalCharge(fractional));
  });

  it("refuses a negative rate as bill() does", () => {
    expect(() => chargeRequest(args({ creditsMargin: new Decimal("-0.1") }))).toThrow(RangeError);
    expect(() => chargeRequest(args({ keySource: "byok", byokMarkupRate: new Decimal("-1") }))).toThrow(RangeError);
  });

  it("matches the Decimal computation on 5,000 random requests, exactly on all realistic ones", () => {
    const random = seededRandom(42);
    const int = (max: number) => Math.floor(random() * max);
    /** A decimal text with up to `digits` digits, `places` of them after the point. */
    const decimalText = (digits: number, places: number) => {
      const text = String(int(10 ** digits)).padStart(places + 1, "0");
      return places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
    };
    // Realistic: prices up to $9,999.99 per million tokens with up to 6 places, rates up to 6 places.
    const realisticPrice = () => decimalText(int(7) + 1, int(7));
    const extremePrice = () => decimalText(int(15) + 1, int(12));
    let realistic = 0;
    let realisticExact = 0;
    for (let i = 0; i < 5_000; i++) {
      const extreme = random() < 0.2;
      const text = extreme ? extremePrice : realisticPrice;
      const maybe = () => (random() < 0.3 ? text() : undefined);
      const promptTokens = int(extreme ? 2 ** 40 : 2_000_000);
      const completionTokens = int(extreme ? 2 ** 40 : 200_000);
      const a = args({
        price: random() < 0.1 ? undefined : price({ inputPerMTok: text(), outputPerMTok: text(), cachedInputPerMTok: maybe(), reasoningPerMTok: maybe(), perRequest: maybe() }),
        ...(random() < 0.2 ? { paidEquivalentPrice: price({ inputPerMTok: text(), outputPerMTok: text() }) } : {}),
        usage: usage({ promptTokens, completionTokens, cachedTokens: int(promptTokens + 10), reasoningTokens: int(completionTokens + 10), estimated: random() < 0.5 }),
        keySource: random() < 0.5 ? "credits" : "byok",
        creditsMargin: new Decimal(random() < 0.5 ? "0" : decimalText(int(6) + 1, int(7))),
        byokMarkupRate: new Decimal(random() < 0.5 ? "0.05" : decimalText(int(6) + 1, int(7))),
      });
      const fast = exactCharge(a);
      if (!extreme) realistic++;
      if (fast === undefined) continue;
      if (!extreme) realisticExact++;
      expect(fast, JSON.stringify(a)).toEqual(decimalCharge(a));
    }
    expect(realisticExact).toBe(realistic);
  });
});
