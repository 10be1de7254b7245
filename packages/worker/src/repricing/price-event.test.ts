// Re-pricing one stored event: the model's usage is priced again, and a chat request's own
// web-search part (billed by its own key's rule) keeps the amounts it was billed.
import { findOffering, priceBook } from "@switchyard/catalog";
import { Prisma } from "@switchyard/db";
import { chargeAt, costToStrings, Money } from "@switchyard/metering";
import { describe, expect, it } from "vitest";
import { repriceEvent, type StoredEvent } from "./price-event.ts";

const d = (s: string) => new Prisma.Decimal(s);
const RATES = { creditsMargin: new Money("0.1"), byokMarkupRate: new Money("0.05") };
const at = new Date("2026-01-10T12:00:00Z");
const usage = { promptTokens: 10_000, completionTokens: 2_000, cachedTokens: 0, reasoningTokens: 0, estimated: false };
const search = { providerId: "tavily", keySource: "credits" as const, cost: "0.0080000000", markup: "0.0008000000", amountBilled: "0.0088000000" };

/** A byok chat event on groq/gpt-oss-120b at the catalog price, with a credits-paid search. */
function stored(): StoredEvent {
  const { cost, billing } = chargeAt({ offering: findOffering("gpt-oss-120b", "groq")!, model: "gpt-oss-120b", book: new Map(), at, usage, keySource: "byok", ...RATES });
  const c = costToStrings(cost);
  return {
    id: "evt_1", requestId: "req_1", organizationId: "org_1", projectId: "prj_1", apiKeyId: "key_1", providerId: "groq", model: "gpt-oss-120b", keySource: "byok",
    promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false,
    costInput: d(c.input), costCachedInput: d(c.cachedInput), costOutput: d(c.output), costReasoning: d(c.reasoning), costRequest: d(c.request),
    costAudio: d("0"), costImage: d("0"), costWebSearch: d(search.cost), costTotal: d(c.total).plus(search.cost),
    markup: d(billing.markup.toFixed(10)).plus(search.markup), amountBilled: d(billing.amountBilled.toFixed(10)).plus(search.amountBilled),
    createdAt: at, units: { search },
  };
}

describe("repriceEvent with a web-search part", () => {
  it("is unchanged at the price it was billed at", () => {
    expect(repriceEvent(stored(), new Map(), RATES)).toEqual({ kind: "unchanged" });
  });

  it("re-prices the model's tokens and keeps the search's amounts", () => {
    const book = priceBook([{ id: "prc_1", providerId: "groq", model: "gpt-oss-120b", effectiveFrom: new Date("2026-01-01T00:00:00Z"), inputPerMTok: "1", outputPerMTok: "2", cachedInputPerMTok: null, reasoningPerMTok: null, perRequest: null }]);
    const result = repriceEvent(stored(), book, RATES);
    expect(result.kind).toBe("changed");
    if (result.kind !== "changed") return;
    // Model: 10,000 × $1 + 2,000 × $2 per MTok = $0.014, BYOK markup 5% = $0.0007; search: as billed.
    expect(result.after.cost).toMatchObject({ input: "0.0100000000", output: "0.0040000000", webSearch: "0.0080000000", total: "0.0220000000" });
    expect(result.after.markup).toBe("0.0015000000");
    expect(result.after.amountBilled).toBe("0.0095000000");
  });
});
