// Tavily Search — https://docs.tavily.com/documentation/api-reference/endpoint/search
//   POST {base}/search, Authorization: Bearer tvly-…
//   body: query, max_results (0..20), search_depth basic|advanced, include_domains,
//         exclude_domains, time_range day|week|month|year — the normalized request maps 1:1.
//   200: {query, answer, images, results: [{title, url, content, score, raw_content,
//         published_date (topic "news" only)}], response_time, request_id}
//   errors: {detail: {error}}; 401 bad key, 403, 429, 432/433 plan / pay-as-you-go limit
//         (reported as "client" with Tavily's message), 5xx.
// Key check: GET {base}/usage (key and plan usage), which costs no credits.
import { defineSearchProvider } from "./define-provider.ts";
import { field, num, objects, searchResult, str } from "./json.ts";

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });

export const tavily = defineSearchProvider({
  id: "tavily",
  name: "Tavily",
  docsUrl: "https://docs.tavily.com/documentation/api-reference/endpoint/search",
  defaultBaseUrl: "https://api.tavily.com",

  searchRequest: (request, apiKey) => ({
    method: "POST",
    path: "/search",
    headers: auth(apiKey),
    body: {
      query: request.query,
      max_results: request.maxResults,
      search_depth: request.depth,
      ...(request.includeDomains?.length ? { include_domains: request.includeDomains } : {}),
      ...(request.excludeDomains?.length ? { exclude_domains: request.excludeDomains } : {}),
      ...(request.recency ? { time_range: request.recency } : {}),
    },
  }),

  parseResults: (body) =>
    objects(field(body, "results")).flatMap((r) =>
      searchResult("tavily", { title: str(r.title), url: str(r.url), snippet: str(r.content), publishedDate: str(r.published_date), score: num(r.score) }),
    ),

  validationRequest: (apiKey) => ({ method: "GET", path: "/usage", headers: auth(apiKey) }),
});
