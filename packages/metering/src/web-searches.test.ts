// A provider's own web searches (native search): read from the OpenAI usage object's
// server_tool_use.web_search_requests, priced per search and billed with the tokens.
import type { Price } from "@switchyard/catalog";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { chargeRequest } from "./request-charge.ts";
import { normalizeOpenAIUsage } from "./usage.ts";

const claude: Price = { effectiveFrom: "2026-02-17", inputPerMTok: "3", outputPerMTok: "15", perWebSearch: "0.01", source: "https://example.com/pricing" };
const reported = (serverToolUse: unknown) => ({ prompt_tokens: 1000, completion_tokens: 100, total_tokens: 1100, ...(serverToolUse === undefined ? {} : { server_tool_use: serverToolUse }) });

describe("web searches in usage", () => {
  it("reads usage.server_tool_use.web_search_requests into webSearches", () => {
    expect(normalizeOpenAIUsage(reported({ web_search_requests: 2, web_fetch_requests: 1 }))).toMatchObject({ promptTokens: 1000, completionTokens: 100, webSearches: 2 });
  });

  it.each([undefined, null, {}, { web_search_requests: 0 }, { web_search_requests: -1 }, { web_search_requests: 1.5 }, { web_search_requests: "2" }, "2"])("has no searches for server_tool_use %j", (value) => {
    const usage = normalizeOpenAIUsage(reported(value));
    expect(usage).not.toBeNull();
    expect(usage).not.toHaveProperty("webSearches");
  });

  it("prices the searches apart and inside the total, on credits and on own keys", () => {
    const usage = normalizeOpenAIUsage(reported({ web_search_requests: 2 }))!;
    const credits = chargeRequest({ price: claude, usage, keySource: "credits", creditsMargin: new Decimal("0.1"), byokMarkupRate: new Decimal("0.05") });
    expect(credits.cost).toMatchObject({ webSearch: "0.0200000000", total: "0.0245000000" });
    expect(credits.fields).toMatchObject({ cost_usd_web_search: 0.02, cost_usd_total: 0.0245 });
    expect(credits.amountBilled).toBe("0.0269500000");
    const byok = chargeRequest({ price: claude, usage, keySource: "byok", creditsMargin: new Decimal("0.1"), byokMarkupRate: new Decimal("0.05") });
    expect(byok.amountBilled).toBe("0.0012250000");
  });

  it("leaves plain requests without a search part", () => {
    const charge = chargeRequest({ price: claude, usage: normalizeOpenAIUsage(reported(undefined))!, keySource: "credits", creditsMargin: new Decimal(0), byokMarkupRate: new Decimal("0.05") });
    expect(charge.fields).not.toHaveProperty("cost_usd_web_search");
    expect(charge.cost.webSearch).toBe("0.0000000000");
  });
});
