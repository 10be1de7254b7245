// usageMetadata → OpenAI usage. Gemini counts thinking apart from the answer
// (candidatesTokenCount excludes thoughtsTokenCount; totalTokenCount sums prompt, candidates,
// tool-use prompt and thoughts), OpenAI counts reasoning inside completion_tokens. Cached
// content is part of promptTokenCount, as OpenAI's cached_tokens is part of prompt_tokens.
// Searches made by Grounding with Google Search (a count from grounding.ts) become
// usage.server_tool_use (see ../citations.ts).
import { searchUsage } from "../citations.ts";
import type { GeminiUsage } from "./wire.ts";

export function openAIUsage(usage: GeminiUsage | undefined, searches = 0): Record<string, unknown> | undefined {
  if (typeof usage?.promptTokenCount !== "number") return undefined;
  const prompt = usage.promptTokenCount + (usage.toolUsePromptTokenCount ?? 0);
  const reasoning = usage.thoughtsTokenCount ?? 0;
  const completion = (usage.candidatesTokenCount ?? 0) + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoning },
    ...searchUsage(searches),
  };
}
