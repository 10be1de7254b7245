// Whether a candidate (provider + model) has a web search of its own that engine "native" can use
// (OpenAI's web_search_options on its search models, Anthropic's web search tool, Gemini's Google
// Search grounding). The one place that decides it: chat/run.ts keeps only the candidates for
// which this is true, and answers 400 when none is left. The catalog marks those offerings
// (ModelOffering.nativeWebSearch); the provider adapters translate `web_search_options`.
//
// And how many of the searches an answer reports are billed: the adapters report what the
// provider made (usage.server_tool_use.web_search_requests → NormalizedUsage.webSearches); the
// offering's `billedPer` turns that into what the provider charges for (Price.perWebSearch each).
import type { ModelOffering } from "@switchyard/catalog";
import type { NormalizedUsage } from "@switchyard/metering";
import type { Candidate } from "./resolve-model.ts";

export function hasNativeWebSearch(candidate: Candidate): boolean {
  return candidate.offering.nativeWebSearch !== undefined;
}

/**
 * Whether the candidate searches before every answer, whatever the request asks (OpenAI's search
 * models: billedPer "request"). A Switchyard search there would be a second search, billed twice.
 */
export function alwaysSearches(candidate: Candidate): boolean {
  return candidate.offering.nativeWebSearch?.billedPer === "request";
}

/**
 * `usage` with `webSearches` set to the searches billed for it at `offering`:
 * - "search": each reported search;
 * - "prompt": one when the answer searched at all (Gemini 2.5's grounded prompt);
 * - "request": one for every answered request, reported or not (OpenAI's search models always
 *   search and report no count); a request the upstream never answered (no tokens) has none.
 * Offerings without a native search: `usage` unchanged (one property read on the hot path).
 */
export function billedSearchUsage(offering: ModelOffering, usage: NormalizedUsage): NormalizedUsage {
  const search = offering.nativeWebSearch;
  if (search === undefined) return usage;
  const reported = usage.webSearches ?? 0;
  let billed = reported;
  if (search.billedPer === "prompt") billed = Math.min(reported, 1);
  else if (search.billedPer === "request") billed = usage.promptTokens > 0 || usage.completionTokens > 0 ? 1 : 0;
  return billed === reported ? usage : { ...usage, webSearches: billed };
}
