// OpenAI's web search models for chat completions (https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat).
// They search before every answer (the request's `web_search_options` tunes the search) and
// cite their sources as url_citation annotations; OpenAI serves them through chat completions
// only, not the Responses API.
//
// Prices from https://platform.openai.com/docs/pricing (read through summaries of the page,
// 2026-11-23): tokens at GPT-4o's and GPT-4o mini's rates ($2.50 / $10 and $0.15 / $0.60 per
// million, no cached-input rate listed); each search is a "web search preview (non-reasoning
// models)" call at $25 per 1,000 calls, search content tokens free. OpenAI's chat response
// reports no search count, so every answered request is billed one search (billedPer
// "request"). At launch (2025-03-11) the per-call fee depended on search_context_size (low /
// medium / high: $30 / $35 / $50 per 1,000 for gpt-4o-search-preview, $25 / $27.50 / $30 for the
// mini); that tiering is not modelled, and the day the flat $25 took effect could not be
// confirmed: one price from launch. // unverified: effectiveFrom of the flat fee
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

const SEARCH_CALL = "0.025";

function searchModel(id: string, name: string, inputPerMTok: string, outputPerMTok: string): ModelDefinition {
  return {
    id,
    name,
    ownedBy: "openai",
    contextLength: 128_000,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: id,
        prices: [{ effectiveFrom: "2025-03-11", inputPerMTok, outputPerMTok, perWebSearch: SEARCH_CALL, source: PRICING.openai }],
        nativeWebSearch: { billedPer: "request" },
      },
    ],
  };
}

export const openaiSearchModels: readonly ModelDefinition[] = [
  searchModel("gpt-4o-search-preview", "GPT-4o Search Preview", "2.50", "10.00"),
  searchModel("gpt-4o-mini-search-preview", "GPT-4o mini Search Preview", "0.15", "0.60"),
];
