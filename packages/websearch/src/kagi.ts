// Kagi Search API (v0) — https://help.kagi.com/kagi/api/search.html
//   GET {base}/search?q=…&limit=…, Authorization: Bot <token>
//   200: {meta: {id, node, ms, api_balance}, data: [{t: 0, rank, url, title, snippet (HTML),
//         published, thumbnail} | {t: 1, list: [related searches]}]}
//   errors: {meta, data: null, error: [{code, msg, ref}]}; 401 (code 2 "Unauthorized…"),
//         400 (e.g. code 101 insufficient credit), 403, 429, 5xx.
// v0 has no filter parameters, so:
//   domains: `site:` / `-site:` operators in q (several includes joined with OR), and results
//            are also kept to the included hosts and out of the excluded ones, so the filter
//            holds whatever Kagi makes of the operators;
//   recency: results whose `published` date is older than the window are dropped (undated
//            results are kept: their age is unknown);
//   depth:   no equivalent.
// Key check: a one-result search (v0 has no free endpoint; it bills one search).
import { defineSearchProvider } from "./define-provider.ts";
import { field, objects, searchResult, str } from "./json.ts";
import { recencyStart } from "./recency.ts";
import type { SearchRequest, SearchResult } from "./types.ts";

const auth = (apiKey: string) => ({ authorization: `Bot ${apiKey}` });

function queryWithOperators(request: SearchRequest): string {
  const include = (request.includeDomains ?? []).map((d) => `site:${d}`).join(" OR ");
  const exclude = (request.excludeDomains ?? []).map((d) => `-site:${d}`);
  return [request.query, include, ...exclude].filter(Boolean).join(" ");
}

function onDomain(url: string, domains: string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`));
}

function wanted(result: SearchResult, request: SearchRequest): boolean {
  if (request.includeDomains?.length && !onDomain(result.url, request.includeDomains)) return false;
  if (request.excludeDomains?.length && onDomain(result.url, request.excludeDomains)) return false;
  if (!request.recency || !result.publishedDate) return true;
  const published = Date.parse(result.publishedDate);
  return Number.isNaN(published) || published >= recencyStart(request.recency).getTime();
}

/** Kagi snippets are HTML (`<b>` highlights, entities): plain text for everyone else. */
function plainText(html: string | undefined): string | undefined {
  return html
    ?.replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

export const kagi = defineSearchProvider({
  id: "kagi",
  name: "Kagi",
  docsUrl: "https://help.kagi.com/kagi/api/search.html",
  defaultBaseUrl: "https://kagi.com/api/v0",

  searchRequest: (request, apiKey) => ({
    method: "GET",
    path: `/search?${new URLSearchParams({ q: queryWithOperators(request), limit: String(request.maxResults) })}`,
    headers: auth(apiKey),
  }),

  parseResults: (body, request) =>
    objects(field(body, "data"))
      .filter((item) => item.t === 0)
      .flatMap((r) => searchResult("kagi", { title: str(r.title), url: str(r.url), snippet: plainText(str(r.snippet)), publishedDate: str(r.published) }))
      .filter((result) => wanted(result, request)),

  validationRequest: (apiKey) => ({ method: "GET", path: "/search?q=kagi&limit=1", headers: auth(apiKey) }),
});
