// A Responses API `response` object → an OpenAI `chat.completion`: output_text parts become the
// message content, function_call items its tool_calls (call_id as the tool call id), reasoning
// summaries its `reasoning_content`; usage fields are renamed; status and incomplete_details
// give the finish reason.
import type { UpstreamFailure } from "../types.ts";
import type { OutputItem, ResponseObject, ResponsesUsage } from "./types.ts";

/** Separates reasoning summary parts, in the completion and in the stream alike. */
export const SUMMARY_SEPARATOR = "\n\n";

export function chatUsage(usage: ResponsesUsage): Record<string, unknown> {
  return {
    prompt_tokens: usage.input_tokens,
    completion_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens ?? usage.input_tokens + usage.output_tokens,
    prompt_tokens_details: { cached_tokens: usage.input_tokens_details?.cached_tokens ?? 0 },
    completion_tokens_details: { reasoning_tokens: usage.output_tokens_details?.reasoning_tokens ?? 0 },
  };
}

/** completed → stop or tool_calls; incomplete: max_output_tokens → length, content_filter → content_filter. */
export function finishReason(response: Pick<ResponseObject, "status" | "incomplete_details">, calledTools: boolean): string {
  if (response.status === "incomplete") return response.incomplete_details?.reason === "content_filter" ? "content_filter" : "length";
  return calledTools ? "tool_calls" : "stop";
}

/** A failed response (status failed, or an `error` event) as an upstream failure. */
export function responseFailure(error: { code?: string | null; message?: string } | null | undefined): UpstreamFailure {
  const code = error?.code ?? null;
  const rateLimited = code === "rate_limit_exceeded";
  return {
    ok: false,
    kind: rateLimited ? "rate_limit" : "server",
    status: rateLimited ? 429 : 502,
    message: error?.message ?? "The upstream response failed.",
    code,
    param: null,
    retryAfter: null,
  };
}

function parts(items: OutputItem[]) {
  let text = "";
  let refusal = "";
  const summaries: string[] = [];
  const toolCalls: Array<Record<string, unknown>> = [];
  for (const item of items) {
    if (item.type === "message" && "content" in item) {
      for (const part of item.content ?? []) {
        if (part.type === "output_text") text += part.text;
        else if (part.type === "refusal") refusal += part.refusal;
      }
    } else if (item.type === "function_call" && "call_id" in item) {
      toolCalls.push({ id: item.call_id, type: "function", function: { name: item.name, arguments: item.arguments } });
    } else if (item.type === "reasoning" && "summary" in item) {
      for (const part of item.summary ?? []) summaries.push(part.text);
    }
  }
  return { text, refusal, summaries, toolCalls };
}

export function toChatCompletion(response: ResponseObject): Record<string, unknown> {
  const { text, refusal, summaries, toolCalls } = parts(response.output ?? []);
  const message: Record<string, unknown> = { role: "assistant", content: text || (toolCalls.length > 0 ? null : ""), refusal: refusal || null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (summaries.length > 0) message.reasoning_content = summaries.join(SUMMARY_SEPARATOR);
  return {
    id: response.id,
    object: "chat.completion",
    created: Math.floor(response.created_at),
    model: response.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(response, toolCalls.length > 0) }],
    ...(response.usage ? { usage: chatUsage(response.usage) } : {}),
  };
}
