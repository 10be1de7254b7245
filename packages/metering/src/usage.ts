// Token usage as reported by an OpenAI-compatible upstream, in one shape.
import { isRecord } from "./is-record.ts";

export interface NormalizedUsage {
  /** All input tokens, cached ones included. */
  promptTokens: number;
  /** All output tokens, reasoning ones included (OpenAI's convention). */
  completionTokens: number;
  /** The part of promptTokens read from the provider's prompt cache. */
  cachedTokens: number;
  /** The part of completionTokens spent on reasoning. */
  reasoningTokens: number;
  /** True when Switchyard counted the tokens itself because the upstream reported none. */
  estimated: boolean;
}

/**
 * Reads an OpenAI `usage` object: prompt_tokens, completion_tokens,
 * prompt_tokens_details.cached_tokens and completion_tokens_details.reasoning_tokens
 * (DeepSeek's top-level prompt_cache_hit_tokens stands in for cached_tokens when that is absent).
 * Missing or null detail objects and fields count as 0. Returns null when there is no usable usage:
 * not an object, prompt or completion tokens missing, or any count negative or not an integer.
 * Details larger than their totals are clamped to them, so no cost can come out negative.
 */
export function normalizeOpenAIUsage(u: unknown): NormalizedUsage | null {
  if (!isRecord(u)) return null;
  const promptTokens = count(u.prompt_tokens);
  const completionTokens = count(u.completion_tokens);
  if (promptTokens === null || completionTokens === null) return null;

  const promptDetails = isRecord(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const completionDetails = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const cachedTokens = optionalCount(promptDetails.cached_tokens ?? u.prompt_cache_hit_tokens);
  const reasoningTokens = optionalCount(completionDetails.reasoning_tokens);
  if (cachedTokens === null || reasoningTokens === null) return null;

  return {
    promptTokens,
    completionTokens,
    cachedTokens: Math.min(cachedTokens, promptTokens),
    reasoningTokens: Math.min(reasoningTokens, completionTokens),
    estimated: false,
  };
}

/** A token count: a non-negative safe integer, else null. */
function count(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value + 0 /* -0 → 0 */ : null;
}

/** Like count, but missing (undefined or null) is 0. */
function optionalCount(value: unknown): number | null {
  return value === undefined || value === null ? 0 : count(value);
}
