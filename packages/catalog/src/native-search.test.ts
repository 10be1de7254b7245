// Offerings marked with a native web search: each has a search price and sits at a provider
// whose adapter turns `web_search_options` into that provider's search.
import { describe, expect, it } from "vitest";
import { findOffering, getProvider, models, priceAt } from "./index.ts";

const NOW = new Date();
const marked = models.flatMap((m) => m.offerings.filter((o) => o.nativeWebSearch !== undefined).map((o) => [`${m.id} at ${o.providerId}`, o] as const));

describe("native web search offerings", () => {
  it("cover OpenAI's search models, Claude at Anthropic and Gemini at Google AI Studio", () => {
    expect(findOffering("gpt-4o-search-preview", "openai")?.nativeWebSearch).toEqual({ billedPer: "request" });
    expect(findOffering("gpt-4o-mini-search-preview", "openai")?.nativeWebSearch).toEqual({ billedPer: "request" });
    expect(findOffering("claude-sonnet-4-6", "anthropic")?.nativeWebSearch).toEqual({ billedPer: "search" });
    expect(findOffering("claude-sonnet-4-6", "aws")?.nativeWebSearch).toBeUndefined();
    expect(findOffering("gemini-2.5-flash", "google")?.nativeWebSearch).toEqual({ billedPer: "prompt" });
    expect(findOffering("gemini-3.1-pro-preview", "google")?.nativeWebSearch).toEqual({ billedPer: "search" });
    expect(findOffering("gpt-4o", "openai")?.nativeWebSearch).toBeUndefined();
  });

  it.each(marked)("%s has a per-search price and a provider that searches natively", (_name, offering) => {
    expect(priceAt(offering, NOW)?.perWebSearch).toMatch(/^0\.\d+$/);
    const provider = getProvider(offering.providerId)!;
    expect(["openai", "anthropic", "google"]).toContain(provider.id);
  });

  it("prices searches as the providers publish them", () => {
    expect(priceAt(findOffering("gpt-4o-search-preview", "openai")!, NOW)).toMatchObject({ inputPerMTok: "2.50", outputPerMTok: "10.00", perWebSearch: "0.025" });
    expect(priceAt(findOffering("claude-haiku-4-5", "anthropic")!, NOW)?.perWebSearch).toBe("0.01");
    expect(priceAt(findOffering("gemini-2.5-pro", "google")!, NOW)?.perWebSearch).toBe("0.035");
    expect(priceAt(findOffering("gemini-3.5-flash", "google")!, NOW)?.perWebSearch).toBe("0.014");
  });
});
