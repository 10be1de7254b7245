// A Converse response → an OpenAI chat.completion. The output message's content blocks become
// the content (text blocks joined), tool_calls (toolUse blocks, input serialised as arguments),
// reasoning_content (reasoningText blocks) and reasoning_details (OpenRouter's shape, as the
// Anthropic adapter returns it: the signatures and redacted thinking a tool loop must send back).
import { REASONING_FORMAT } from "./messages.ts";
import { JSON_TOOL } from "./tools.ts";
import { finishReason, openAIUsage, type TokenUsage } from "./usage.ts";

interface ContentBlock {
  text?: string;
  toolUse?: { toolUseId: string; name: string; input: unknown };
  reasoningContent?: { reasoningText?: { text?: string; signature?: string }; redactedContent?: string };
}

export interface ConverseResponse {
  output?: { message?: { content?: ContentBlock[] } };
  stopReason?: string;
  usage?: TokenUsage;
}

export function completionOf(res: ConverseResponse, ctx: { id: string; model: string; created: number; jsonTool: boolean }): Record<string, unknown> {
  let text = "";
  let reasoning = "";
  const details: Record<string, unknown>[] = [];
  const toolCalls: Record<string, unknown>[] = [];
  for (const block of res.output?.message?.content ?? []) {
    const thought = block.reasoningContent;
    if (typeof block.text === "string") text += block.text;
    else if (thought?.reasoningText) {
      reasoning += thought.reasoningText.text ?? "";
      details.push({ type: "reasoning.text", text: thought.reasoningText.text ?? "", signature: thought.reasoningText.signature ?? null, format: REASONING_FORMAT, index: details.length });
    } else if (thought?.redactedContent) details.push({ type: "reasoning.encrypted", data: thought.redactedContent, format: REASONING_FORMAT, index: details.length });
    else if (block.toolUse && ctx.jsonTool && block.toolUse.name === JSON_TOOL) text += JSON.stringify(block.toolUse.input);
    else if (block.toolUse) toolCalls.push({ id: block.toolUse.toolUseId, type: "function", function: { name: block.toolUse.name, arguments: JSON.stringify(block.toolUse.input ?? {}) } });
  }
  const message: Record<string, unknown> = { role: "assistant", content: text === "" && toolCalls.length > 0 ? null : text, refusal: null };
  if (reasoning) message.reasoning_content = reasoning;
  if (details.length > 0) message.reasoning_details = details;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: ctx.id,
    object: "chat.completion",
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(res.stopReason, ctx.jsonTool) }],
    ...(res.usage ? { usage: openAIUsage(res.usage) } : {}),
  };
}
