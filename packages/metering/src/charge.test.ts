import { findOffering, priceBook } from "@switchyard/catalog";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { chargeAt, paidEquivalentOffering } from "./charge.ts";

const usage = { promptTokens: 1_000_000, completionTokens: 100_000, cachedTokens: 0, reasoningTokens: 0, estimated: false };
const rates = { creditsMargin: new Decimal("0.1"), byokMarkupRate: new Decimal("0.05") };
const at = new Date("2026-01-10T12:00:00Z");
const override = (inputPerMTok: string) =>
  priceBook([{ id: "prc_1", providerId: "groq", model: "gpt-oss-120b", effectiveFrom: new Date("2026-01-01T00:00:00Z"), inputPerMTok, outputPerMTok: "1", cachedInputPerMTok: null, reasoningPerMTok: null, perRequest: null }]);

describe("chargeAt", () => {
  it("prices at the catalog or the override in effect, then bills with the margin", () => {
    const groq = findOffering("gpt-oss-120b", "groq")!;
    const catalog = chargeAt({ offering: groq, model: "gpt-oss-120b", book: new Map(), at, usage, keySource: "credits", ...rates });
    expect([catalog.cost.total.toFixed(), catalog.billing.markup.toFixed(), catalog.billing.amountBilled.toFixed()]).toEqual(["0.21", "0.021", "0.231"]);
    const corrected = chargeAt({ offering: groq, model: "gpt-oss-120b", book: override("0.5"), at, usage, keySource: "credits", ...rates });
    expect([corrected.cost.total.toFixed(), corrected.billing.amountBilled.toFixed(), corrected.price?.source]).toEqual(["0.6", "0.66", "operator override"]);
  });

  it("bases a free offering's BYOK markup on its paid equivalent's price in effect", () => {
    const nvidia = findOffering("gpt-oss-120b", "nvidia")!;
    expect(paidEquivalentOffering(nvidia)?.offering.providerId).toBe("groq");
    const c = chargeAt({ offering: nvidia, model: "gpt-oss-120b", book: override("0.5"), at, usage, keySource: "byok", ...rates });
    expect([c.cost.total.toFixed(), c.billing.markup.toFixed(), c.billing.amountBilled.toFixed()]).toEqual(["0", "0.03", "0.03"]);
  });
});
