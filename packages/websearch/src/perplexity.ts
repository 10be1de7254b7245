// Perplexity Search API — https://docs.perplexity.ai/docs/search/quickstart
//   POST {base}/search, Authorization: Bearer pplx-…
//   body: query, max_results (1..20), search_domain_filter (≤ 20 entries: an allowlist, or
//         a denylist of "-domain" entries), search_recency_filter hour|day|week|month|year,
//         search_context_size low|medium|high (from depth: basic → low, advanced → high; a
//         Search API field since Perplexity's SDK 0.32.0 of 2026-06-02, ApiSearchRequestInput).
//   domains: allow- and denylist entries must not be mixed, so includeDomains wins (an allowlist
//         already leaves every other domain out); excludeDomains alone become "-domain".
//   200: {id, results: [{title, url, snippet, date, last_updated}], server_time}
//   errors: {error: {message, type, code}}; 401 bad key, 403, 429, 5xx.
// Key check: a one-result search (Perplexity has no free key endpoint).
import { defineSearchProvider } from "./define-provider.ts";
import { field, objects, searchResult, str } from "./json.ts";
import type { SearchRequest } from "./types.ts";

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

function domainFilter(request: SearchRequest): string[] {
  if (request.includeDomains?.length) return request.includeDomains;
  return (request.excludeDomains ?? []).map((domain) => `-${domain}`);
}

export const perplexity = defineSearchProvider({
  id: "perplexity",
  name: "Perplexity",
  docsUrl: "https://docs.perplexity.ai/docs/search/quickstart",
  defaultBaseUrl: "https://api.perplexity.ai",

  searchRequest: (request, apiKey) => {
    const domains = domainFilter(request);
    return {
      method: "POST",
      path: "/search",
      headers: auth(apiKey),
      body: {
        query: request.query,
        max_results: request.maxResults,
        search_context_size: request.depth === "advanced" ? "high" : "low",
        ...(domains.length ? { search_domain_filter: domains } : {}),
        ...(request.recency ? { search_recency_filter: request.recency } : {}),
      },
    };
  },

  parseResults: (body) =>
    objects(field(body, "results")).flatMap((r) =>
      searchResult("perplexity", { title: str(r.title), url: str(r.url), snippet: str(r.snippet), publishedDate: str(r.date) }),
    ),

  validationRequest: (apiKey) => ({ method: "POST", path: "/search", headers: auth(apiKey), body: { query: "perplexity", max_results: 1 } }),
});
