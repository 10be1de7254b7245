// Google's Gemini models at Google AI Studio (the Gemini API), Standard tier.
//
// Prices read on the Gemini Developer API pricing page (PRICING below). What a Price cannot hold:
// - Pro models bill prompts over 200k tokens at a higher tier: gemini-2.5-pro $2.50 in / $15.00
//   out / $0.25 cached; gemini-3.1-pro-preview $4.00 / $18.00 / $0.40. Listed here: the ≤200k tier.
// - Audio input costs more on the 2.5 Flash models ($1.00 Flash, $0.30 Flash-Lite per 1M tokens).
// - Explicit context caches also bill storage per token-hour (not per request).
// Output prices include thinking tokens (Gemini bills them as output).
//
// Grounding with Google Search (chat `web_search_options`), same page: Gemini 2.5 models bill
// $35 per 1,000 grounded prompts (a request that searched, however many queries it ran); Gemini 3
// models bill $14 per 1,000 search queries (unique non-empty webSearchQueries). The free
// allowances (2.5: 1,500 grounded prompts a day; 3: 5,000 prompts a month, per project) are not
// modelled: every search is billed at the paid rate.
// // unverified: gemini-3.5-flash is assumed to follow the Gemini 3 rule
import type { ModelDefinition, NativeWebSearch } from "../types.ts";

const PRICING = "https://ai.google.dev/gemini-api/docs/pricing";
const CONTEXT = 1_048_576;

/** Google Search grounding by model generation: what one search costs and what it counts. */
const GROUNDING_2_5 = { perWebSearch: "0.035", nativeWebSearch: { billedPer: "prompt" } } as const;
const GROUNDING_3 = { perWebSearch: "0.014", nativeWebSearch: { billedPer: "search" } } as const;

function gemini(id: string, name: string, effectiveFrom: string, input: string, output: string, cached: string, grounding: { perWebSearch: string; nativeWebSearch: NativeWebSearch }): ModelDefinition {
  return {
    id,
    name,
    ownedBy: "google",
    contextLength: CONTEXT,
    offerings: [
      {
        providerId: "google",
        upstreamModel: id,
        prices: [{ effectiveFrom, inputPerMTok: input, outputPerMTok: output, cachedInputPerMTok: cached, perWebSearch: grounding.perWebSearch, source: PRICING }],
        nativeWebSearch: grounding.nativeWebSearch,
      },
    ],
  };
}

export const googleModels: readonly ModelDefinition[] = [
  // GA 2025-06-17 (2.5 Pro, 2.5 Flash) and 2025-07-22 (2.5 Flash-Lite). Cached input is today's
  // price (90% off input); it was higher at launch (75% off). // unverified: day of that change
  gemini("gemini-2.5-pro", "Gemini 2.5 Pro", "2025-06-17", "1.25", "10.00", "0.125", GROUNDING_2_5),
  gemini("gemini-2.5-flash", "Gemini 2.5 Flash", "2025-06-17", "0.30", "2.50", "0.03", GROUNDING_2_5),
  gemini("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "2025-07-22", "0.10", "0.40", "0.01", GROUNDING_2_5),
  // Preview since 2026-02-19. // unverified: release day; cached price read on a mirror of the page
  gemini("gemini-3.1-pro-preview", "Gemini 3.1 Pro (preview)", "2026-02-19", "2.00", "12.00", "0.20", GROUNDING_3),
  // GA at Google I/O, 2026-05-19.
  gemini("gemini-3.5-flash", "Gemini 3.5 Flash", "2026-05-19", "1.50", "9.00", "0.15", GROUNDING_3),
];
