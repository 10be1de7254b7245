// Web-search providers and their dated prices: USD per search by depth, plus a price per result
// above the results a search includes (Exa). Read from each provider's public pricing on
// 2026-11-23. `effectiveFrom` is the first day the price is known to apply (the provider's
// dated change where it published one, else the earliest dated source that states it).
// These are list (pay-as-you-go) prices, the at-cost basis of credits and of the BYOK markup;
// operators on a volume plan pay less and may set their margin accordingly.

/**
 * The web-search providers, in the order the gateway tries them when a request names none: the
 * one list of their ids (@switchyard/websearch and the search mock take their type from it).
 */
export const searchProviderIds = ["tavily", "exa", "kagi", "perplexity"] as const;

export type SearchProviderId = (typeof searchProviderIds)[number];

export type SearchDepth = "basic" | "advanced";

export interface SearchPrice {
  /** First day (UTC, YYYY-MM-DD) this price applies. */
  effectiveFrom: string;
  /** USD per search (one request), by the request's depth. */
  perSearch: Readonly<Record<SearchDepth, string>>;
  /** USD per search when the request chose the provider's search type itself (Exa's exa_mode), by type; it replaces perSearch. */
  perSearchByMode?: Readonly<Record<string, string>>;
  /** USD per returned result above `includedResults` (unset: results are not billed). */
  perExtraResult?: string;
  includedResults?: number;
  /** Where the price was read. */
  source: string;
  /** How the provider's units become the price above. */
  note: string;
}

export const searchPrices: Readonly<Record<SearchProviderId, readonly SearchPrice[]>> = {
  tavily: [
    {
      // Basic search 1 API credit, advanced 2; pay-as-you-go $0.008 per credit (monthly plans
      // $0.0075–$0.005). The docs page is undated; you.com's comparison of 2026-09-01 quotes the
      // same 1–2 credits per search.
      effectiveFrom: "2026-09-01",
      perSearch: { basic: "0.008", advanced: "0.016" },
      source: "https://docs.tavily.com/documentation/api-credits",
      note: "1 credit (basic) or 2 credits (advanced) at the pay-as-you-go $0.008 per credit",
    },
  ],
  exa: [
    {
      // Pricing update of 2026-03-03: search with contents (text and highlights for 10 results
      // included) $7 / 1k requests, $1 / 1k additional results; Exa Deep $12 / 1k requests.
      // The adapter sends type "auto" for basic and "deep" for advanced, with highlights. A
      // chosen type (exa_mode) is priced by type: the non-deep types (auto, neural, fast) are
      // "Search" at $7, "deep" $12, "deep-reasoning" (Exa Deep Reasoning) $15.
      effectiveFrom: "2026-03-03",
      perSearch: { basic: "0.007", advanced: "0.012" },
      perSearchByMode: { auto: "0.007", neural: "0.007", fast: "0.007", deep: "0.012", "deep-reasoning": "0.015" },
      perExtraResult: "0.001",
      includedResults: 10,
      source: "https://exa.ai/docs/changelog/pricing-update",
      note: "$7 (auto, neural, fast), $12 (deep) or $15 (deep-reasoning) per 1k requests with 10 results, $1 per 1k results beyond 10",
    },
  ],
  kagi: [
    {
      // The adapter calls the v0 Search API, whose (legacy) page states $25 per 1,000 queries
      // since 2024-07-22. Kagi's current v1 API is $12 per 1,000 (kagi-docs, 2026-05-22):
      // add that price when the adapter moves to v1.
      effectiveFrom: "2024-07-22",
      perSearch: { basic: "0.025", advanced: "0.025" },
      source: "https://help.kagi.com/kagi/api/search-legacy.html",
      note: "$25 per 1,000 queries (v0); depth has no equivalent",
    },
  ],
  perplexity: [
    {
      // Search API: $5.00 per 1K requests, no token costs (Fast Search, $1.00, is not used).
      effectiveFrom: "2025-09-26",
      perSearch: { basic: "0.005", advanced: "0.005" },
      source: "https://docs.perplexity.ai/guides/pricing",
      note: "$5 per 1,000 requests; search_context_size does not change the price",
    },
  ],
};

function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The price in effect at a moment: the latest whose effectiveFrom is not after it. */
export function searchPriceAt(providerId: string, at: Date): SearchPrice | undefined {
  const prices = (searchPrices as Partial<Record<string, readonly SearchPrice[]>>)[providerId] ?? [];
  let best: SearchPrice | undefined;
  for (const price of prices) {
    const from = startOfDay(price.effectiveFrom);
    if (from <= at.getTime() && (best === undefined || from > startOfDay(best.effectiveFrom))) best = price;
  }
  return best;
}
