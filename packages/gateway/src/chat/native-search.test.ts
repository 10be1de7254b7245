// Which candidates search natively, and how many of an answer's searches each offering bills.
import { findOffering, type ModelOffering } from "@switchyard/catalog";
import type { NormalizedUsage } from "@switchyard/metering";
import { describe, expect, it } from "vitest";
import { billedSearchUsage, hasNativeWebSearch } from "./native-search.ts";
import type { Candidate } from "./resolve-model.ts";

const usage = (webSearches: number | undefined, tokens = 10): NormalizedUsage => ({ promptTokens: tokens, completionTokens: tokens, cachedTokens: 0, reasoningTokens: 0, estimated: false, ...(webSearches === undefined ? {} : { webSearches }) });
const offering = (model: string, provider: string): ModelOffering => findOffering(model, provider)!;
const candidate = (model: string, provider: string) => ({ offering: offering(model, provider) }) as Candidate;

describe("native web search", () => {
  it("is what the catalog marks", () => {
    expect(hasNativeWebSearch(candidate("claude-sonnet-4-6", "anthropic"))).toBe(true);
    expect(hasNativeWebSearch(candidate("claude-sonnet-4-6", "aws"))).toBe(false);
    expect(hasNativeWebSearch(candidate("gpt-4o-search-preview", "openai"))).toBe(true);
    expect(hasNativeWebSearch(candidate("gpt-4o", "openai"))).toBe(false);
  });

  it.each([
    ["claude-sonnet-4-6", "anthropic", 3, 3],
    ["gemini-3.1-pro-preview", "google", 3, 3],
    ["gemini-2.5-flash", "google", 3, 1],
    ["gemini-2.5-flash", "google", 0, 0],
    ["gpt-4o-search-preview", "openai", undefined, 1],
  ])("%s at %s: %s reported → %s billed", (model, provider, reported, billed) => {
    expect(billedSearchUsage(offering(model, provider), usage(reported)).webSearches ?? 0).toBe(billed);
  });

  it("bills no search for a request the upstream never answered, and leaves other offerings alone", () => {
    expect(billedSearchUsage(offering("gpt-4o-search-preview", "openai"), usage(undefined, 0)).webSearches ?? 0).toBe(0);
    const plain = usage(2);
    expect(billedSearchUsage(offering("gpt-4o", "openai"), plain)).toBe(plain);
  });
});
