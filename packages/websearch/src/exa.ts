// Exa search — https://exa.ai/docs/reference/search
//   POST {base}/search, x-api-key: <key>
//   body: query, numResults, type, includeDomains, excludeDomains, startPublishedDate
//         (ISO 8601), contents ({highlights: true} asks for query-relevant excerpts).
//   type: the request's exaMode (one of `exaModes`), else "auto" for basic depth and "deep"
//         (query expansion, slower and dearer) for advanced.
//   recency: Exa has no window parameter, so it becomes startPublishedDate = now − window.
//   200: {requestId, results: [{id, title, url, publishedDate, author, score, highlights[],
//         highlightScores[], text}], resolvedSearchType, costDollars}
//   errors: {requestId, error, tag}; 401 bad key, 402 no credits, 403, 429, 5xx.
// Key check: a one-result search without contents (Exa has no free key endpoint).
import { defineSearchProvider } from "./define-provider.ts";
import { field, num, objects, searchResult, str } from "./json.ts";
import { recencyStart } from "./recency.ts";

/**
 * The search types a request may choose (POST /api/web `exa_mode`): those of Exa's API reference
 * with a published list price (the catalog prices each). Not offered: "instant" and "lite" (no
 * dated list price found), and "keyword", which Exa retired.
 */
export const exaModes = ["auto", "neural", "fast", "deep", "deep-reasoning"] as const;

export type ExaMode = (typeof exaModes)[number];

const auth = (apiKey: string) => ({ "x-api-key": apiKey });

function snippet(highlights: unknown, text: unknown): string | undefined {
  const parts = Array.isArray(highlights) ? highlights.filter((h): h is string => typeof h === "string") : [];
  return parts.length > 0 ? parts.join(" … ") : str(text);
}

export const exa = defineSearchProvider({
  id: "exa",
  name: "Exa",
  docsUrl: "https://exa.ai/docs/reference/search",
  defaultBaseUrl: "https://api.exa.ai",

  searchRequest: (request, apiKey) => ({
    method: "POST",
    path: "/search",
    headers: auth(apiKey),
    body: {
      query: request.query,
      numResults: request.maxResults,
      type: request.exaMode ?? (request.depth === "advanced" ? "deep" : "auto"),
      ...(request.includeDomains?.length ? { includeDomains: request.includeDomains } : {}),
      ...(request.excludeDomains?.length ? { excludeDomains: request.excludeDomains } : {}),
      ...(request.recency ? { startPublishedDate: recencyStart(request.recency).toISOString() } : {}),
      contents: { highlights: true },
    },
  }),

  parseResults: (body) =>
    objects(field(body, "results")).flatMap((r) =>
      searchResult("exa", { title: str(r.title), url: str(r.url), snippet: snippet(r.highlights, r.text), publishedDate: str(r.publishedDate), score: num(r.score) }),
    ),

  validationRequest: (apiKey) => ({ method: "POST", path: "/search", headers: auth(apiKey), body: { query: "exa", numResults: 1 } }),
});
