// OpenAI's `web_search_options` → Anthropic's server-side web search tool, and the answer's
// `web_search_result_location` citations → the sources OpenAI's url_citation annotations name.
// https://platform.claude.com/docs/en/agents-and-tools/tool-use/web-search-tool
//
// Tool version: web_search_20250305, which every current Claude model takes. (web_search_20260209
// adds dynamic filtering through code execution on some models only.) Anthropic bills each search
// ($10 per 1,000) and reports the count in usage.server_tool_use.web_search_requests.
//
// web_search_options.user_location becomes the tool's user_location ({type: "approximate", city,
// region, country, timezone}). search_context_size has no Anthropic counterpart (Claude decides
// how many searches to make and how much of each result to read): accepted and dropped, since it
// tunes how much context a search reads, not what is asked.
import { parseWebSearchOptions } from "../web-search-options.ts";
import { isObject, type Json, Unsupported } from "./json.ts";

export const WEB_SEARCH_TOOL_TYPE = "web_search_20250305";

/** The server tool for `web_search_options`, or undefined when the request did not ask for search. */
export function webSearchTool(value: unknown): Json | undefined {
  const parsed = parseWebSearchOptions(value);
  if (!parsed.ok) throw new Unsupported(parsed.param, parsed.message);
  if (!parsed.options) return undefined;
  const location = parsed.options.location;
  return { type: WEB_SEARCH_TOOL_TYPE, name: "web_search", ...(location ? { user_location: { type: "approximate", ...location } } : {}) };
}

export interface CitedSource {
  url: string;
  title: string;
}

/** The web pages a text block's citations name, each once, in order. Other citation kinds are skipped. */
export function citedSources(citations: unknown): CitedSource[] {
  if (!Array.isArray(citations)) return [];
  const out: CitedSource[] = [];
  for (const citation of citations) {
    if (!isObject(citation) || citation.type !== "web_search_result_location" || typeof citation.url !== "string") continue;
    if (out.some((s) => s.url === citation.url)) continue;
    out.push({ url: citation.url, title: typeof citation.title === "string" ? citation.title : "" });
  }
  return out;
}

/** Searches Anthropic reports in a usage object (usage.server_tool_use.web_search_requests). */
export function webSearchRequests(usage: unknown): number {
  const tools = isObject(usage) && isObject(usage.server_tool_use) ? usage.server_tool_use : undefined;
  const n = tools?.web_search_requests;
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : 0;
}
