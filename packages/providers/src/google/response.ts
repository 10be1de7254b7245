// A generateContent response → an OpenAI chat.completion: one choice per candidate, thought
// summaries as reasoning_content, function calls as tool_calls, Google Search grounding as
// url_citation annotations (and its searches in usage).
import { randomToken } from "@switchyard/core";
import { finishReason } from "./finish-reason.ts";
import { collectQueries, groundingAnnotations } from "./grounding.ts";
import { toolCallId } from "./tool-ids.ts";
import { openAIUsage } from "./usage.ts";
import type { GeminiCandidate, GeminiPart, GeminiResponse } from "./wire.ts";

export function openAIToolCall(part: GeminiPart & { functionCall: NonNullable<GeminiPart["functionCall"]> }): Record<string, unknown> {
  return {
    id: toolCallId(part.functionCall.id, part.thoughtSignature),
    type: "function",
    function: { name: part.functionCall.name, arguments: JSON.stringify(part.functionCall.args ?? {}) },
  };
}

function choice(candidate: GeminiCandidate, position: number): Record<string, unknown> {
  let text = "";
  let thoughts = "";
  const toolCalls: Record<string, unknown>[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (part.functionCall) toolCalls.push(openAIToolCall({ ...part, functionCall: part.functionCall }));
    else if (typeof part.text === "string") {
      if (part.thought) thoughts += part.text;
      else text += part.text;
    }
  }
  const message: Record<string, unknown> = { role: "assistant", content: text || (toolCalls.length > 0 ? null : ""), refusal: null };
  if (thoughts) message.reasoning_content = thoughts;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const annotations = groundingAnnotations(candidate.groundingMetadata, text);
  if (annotations.length > 0) message.annotations = annotations;
  return { index: candidate.index ?? position, message, logprobs: null, finish_reason: finishReason(candidate.finishReason ?? "STOP", toolCalls.length > 0) };
}

export function completionId(response: GeminiResponse): string {
  return `chatcmpl-${response.responseId ?? randomToken(24)}`;
}

export function toCompletion(response: GeminiResponse, model: string): Record<string, unknown> {
  const candidates = response.candidates ?? [];
  // A blocked prompt has no candidates, only promptFeedback.blockReason.
  const choices = candidates.length > 0 ? candidates.map(choice) : [{ index: 0, message: { role: "assistant", content: null, refusal: null }, logprobs: null, finish_reason: "content_filter" }];
  const queries = new Set<string>();
  for (const candidate of candidates) collectQueries(candidate.groundingMetadata, queries);
  const usage = openAIUsage(response.usageMetadata, queries.size);
  return {
    id: completionId(response),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: response.modelVersion ?? model,
    choices,
    ...(usage ? { usage } : {}),
  };
}
