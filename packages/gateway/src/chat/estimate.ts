// Usage when the provider reports none: a conservative tokenizer estimate, marked as such.
import { estimateCompletionTokens, estimatePromptTokens, type NormalizedUsage } from "@switchyard/metering";

export function estimatedUsage(messages: unknown[], completionText: string, tools?: unknown[]): NormalizedUsage {
  return {
    promptTokens: estimatePromptTokens(messages, tools),
    completionTokens: completionText === "" ? 0 : estimateCompletionTokens(completionText),
    cachedTokens: 0,
    reasoningTokens: 0,
    estimated: true,
  };
}

/** The text a completion produced: message contents and tool call arguments of every choice. */
export function completionText(choices: unknown): string {
  if (!Array.isArray(choices)) return "";
  let text = "";
  for (const choice of choices as Array<{ message?: MessageLike; delta?: MessageLike }>) {
    text += textOf(choice.message ?? choice.delta);
  }
  return text;
}

interface MessageLike {
  content?: unknown;
  reasoning_content?: unknown;
  tool_calls?: Array<{ function?: { name?: unknown; arguments?: unknown } }>;
}

function textOf(m: MessageLike | undefined): string {
  if (!m) return "";
  let text = typeof m.content === "string" ? m.content : "";
  if (typeof m.reasoning_content === "string") text += m.reasoning_content;
  for (const call of m.tool_calls ?? []) {
    if (typeof call.function?.name === "string") text += call.function.name;
    if (typeof call.function?.arguments === "string") text += call.function.arguments;
  }
  return text;
}

/** OpenAI's usage object for an estimate. */
export function openAIUsageOf(usage: NormalizedUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}
