// Converse usage and stop reasons in OpenAI's terms, shared by both answer shapes.
// TokenUsage (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html):
// inputTokens excludes the prompt-cache reads and writes, reported apart as cacheReadInputTokens
// and cacheWriteInputTokens; outputTokens includes thinking (no separate count is reported).

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/**
 * prompt_tokens counts every input token (uncached, cache reads, cache writes);
 * prompt_tokens_details.cached_tokens the cache reads. Cache writes are also reported as
 * cache_write_tokens (OpenRouter's name) but priced as plain input.
 */
export function openAIUsage(u: TokenUsage): Record<string, unknown> {
  const cacheRead = u.cacheReadInputTokens ?? 0;
  const cacheWrite = u.cacheWriteInputTokens ?? 0;
  const prompt = (u.inputTokens ?? 0) + cacheRead + cacheWrite;
  const completion = u.outputTokens ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: cacheRead, ...(cacheWrite > 0 ? { cache_write_tokens: cacheWrite } : {}) },
  };
}

/** StopReason (end_turn, tool_use, max_tokens, stop_sequence, guardrail_intervened, content_filtered, …) → finish_reason. */
export function finishReason(stopReason: unknown, jsonTool: boolean): string {
  switch (stopReason) {
    case "tool_use":
      return jsonTool ? "stop" : "tool_calls";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "guardrail_intervened":
    case "content_filtered":
      return "content_filter";
    default:
      return "stop";
  }
}
