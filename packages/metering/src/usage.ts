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
  /** The part of promptTokens that is audio, cached audio included. */
  audioInputTokens?: number;
  /** The part of cachedTokens that is audio. */
  cachedAudioTokens?: number;
  /** The part of completionTokens that is audio. */
  audioOutputTokens?: number;
  /** The part of promptTokens that are image tokens. */
  imageInputTokens?: number;
  /** The part of completionTokens that are image tokens. */
  imageOutputTokens?: number;
  /** Speech input characters. */
  characters?: number;
  /** Duration of transcribed or translated audio, seconds (may be fractional). */
  audioSeconds?: number;
  /** Images produced, all of one variant "<quality>:<size>". */
  images?: number;
  imageVariant?: string;
  /** Searches the provider's own web search made. */
  webSearches?: number;
}

/**
 * Switchyard's own web search made for a chat request: billed by its own key's rule (its key
 * source may differ from the model's), so its amounts travel with the event and re-pricing the
 * model's usage leaves them as they are. Money as 10-place decimal strings.
 */
export interface SearchPart {
  providerId: string;
  keySource: "credits" | "byok";
  cost: string;
  markup: string;
  amountBilled: string;
}

/** The quantities besides text tokens, as usage events carry them (`units`), and a search part. */
export type UsageUnits = Pick<
  NormalizedUsage,
  "audioInputTokens" | "cachedAudioTokens" | "audioOutputTokens" | "imageInputTokens" | "imageOutputTokens" | "characters" | "audioSeconds" | "images" | "imageVariant" | "webSearches"
> & { search?: SearchPart };

const UNIT_KEYS = ["audioInputTokens", "cachedAudioTokens", "audioOutputTokens", "imageInputTokens", "imageOutputTokens", "characters", "audioSeconds", "images", "imageVariant", "webSearches"] as const;

/** The usage's non-token quantities, or undefined when it has none (a plain text request). */
export function usageUnits(usage: NormalizedUsage): UsageUnits | undefined {
  let units: Record<string, unknown> | undefined;
  for (const key of UNIT_KEYS) {
    const value = usage[key];
    if (value !== undefined && value !== 0) (units ??= {})[key] = value;
  }
  return units as UsageUnits | undefined;
}

/**
 * Reads an OpenAI `usage` object: prompt_tokens, completion_tokens,
 * prompt_tokens_details.cached_tokens and completion_tokens_details.reasoning_tokens
 * (DeepSeek's top-level prompt_cache_hit_tokens stands in for cached_tokens when that is absent).
 * Missing or null detail objects and fields count as 0. Returns null when there is no usable usage:
 * not an object, prompt or completion tokens missing, or any count negative or not an integer.
 * Details larger than their totals are clamped to them, so no cost can come out negative.
 * `server_tool_use.web_search_requests` (the searches a provider's own web search made:
 * OpenRouter's field, and what the Anthropic and Gemini adapters report) becomes `webSearches`
 * when it is a positive integer; anything else there means none.
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

  const usage: NormalizedUsage = {
    promptTokens,
    completionTokens,
    cachedTokens: Math.min(cachedTokens, promptTokens),
    reasoningTokens: Math.min(reasoningTokens, completionTokens),
    estimated: false,
  };
  // Added only when present, so plain usage keeps its shape (the chat hot path).
  if (u.server_tool_use !== undefined) {
    const searches = isRecord(u.server_tool_use) ? count(u.server_tool_use.web_search_requests) : null;
    if (searches) usage.webSearches = searches;
  }
  return usage;
}

/** A token count: a non-negative safe integer, else null. */
function count(value: unknown): number | null {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value + 0 /* -0 → 0 */ : null;
}

/** Like count, but missing (undefined or null) is 0. */
function optionalCount(value: unknown): number | null {
  return value === undefined || value === null ? 0 : count(value);
}
