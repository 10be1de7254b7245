// Anthropic usage → OpenAI usage. Anthropic's input_tokens excludes cached input: the prompt is
// input + cache reads + cache writes. Reads become prompt_tokens_details.cached_tokens (priced at
// the cached rate); writes are reported as cache_write_tokens and priced as plain input (the
// catalog's Price has no cache-write rate). thinking_tokens, when reported, become
// completion_tokens_details.reasoning_tokens (output_tokens already includes them). Web searches
// (server_tool_use.web_search_requests) become usage.server_tool_use (see ../citations.ts).
import { searchUsage } from "../citations.ts";
import { isObject, type Json } from "./json.ts";
import { webSearchRequests } from "./web-search.ts";

export function openAIUsage(usage: unknown): Json {
  const u = isObject(usage) ? usage : {};
  const read = count(u.cache_read_input_tokens);
  const write = count(u.cache_creation_input_tokens);
  const prompt = count(u.input_tokens) + read + write;
  const completion = count(u.output_tokens);
  const thinking = isObject(u.output_tokens_details) ? u.output_tokens_details.thinking_tokens : undefined;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: read, cache_write_tokens: write },
    ...(typeof thinking === "number" ? { completion_tokens_details: { reasoning_tokens: thinking } } : {}),
    ...searchUsage(webSearchRequests(u)),
  };
}

/** message_delta's cumulative counts over message_start's (null fields keep the earlier value). */
export function mergeUsage(earlier: Json, later: unknown): Json {
  if (!isObject(later)) return earlier;
  const merged = { ...earlier };
  for (const [key, value] of Object.entries(later)) if (value !== null && value !== undefined) merged[key] = value;
  return merged;
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : 0;
}
