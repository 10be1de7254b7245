// The `response` object (openai-node responses.ts Response) and its output items, in the API's
// field order: reasoning → message → function_call items, usage, status / incomplete_details.
import type { ResponsesPlan } from "./reply.ts";

type Json = Record<string, unknown>;

export const reasoningItem = (plan: ResponsesPlan, done: boolean): Json => ({
  id: plan.reasoningId,
  type: "reasoning",
  summary: done ? plan.summaries.map((pieces) => ({ type: "summary_text", text: pieces.join("") })) : [],
});

export const textPart = (text: string): Json => ({ type: "output_text", annotations: [], logprobs: [], text });

export const messageItem = (plan: ResponsesPlan, done: boolean): Json => ({
  id: plan.messageId,
  type: "message",
  status: done ? "completed" : "in_progress",
  content: done ? [textPart(plan.pieces.join(""))] : [],
  role: "assistant",
});

export const callItem = (call: ResponsesPlan["calls"][number], done: boolean): Json => ({
  id: call.itemId,
  type: "function_call",
  status: done ? "completed" : "in_progress",
  arguments: done ? call.arguments : "",
  call_id: call.callId,
  name: call.name,
});

export function outputItems(plan: ResponsesPlan): Json[] {
  return [
    ...(plan.reasoning ? [reasoningItem(plan, true)] : []),
    ...(plan.pieces.length > 0 ? [messageItem(plan, true)] : []),
    ...plan.calls.map((call) => callItem(call, true)),
  ];
}

/** The response object; `final` false gives the in-progress shape of response.created. */
export function responseObject(plan: ResponsesPlan, final: boolean, status?: string, error: Json | null = null): Json {
  const settled = status ?? (plan.incomplete ? "incomplete" : "completed");
  return {
    id: plan.id,
    object: "response",
    created_at: plan.createdAt,
    status: final ? settled : "in_progress",
    background: false,
    error,
    incomplete_details: final && plan.incomplete && settled === "incomplete" ? { reason: plan.incomplete } : null,
    instructions: null,
    max_output_tokens: null,
    model: plan.model,
    output: final && settled !== "failed" ? outputItems(plan) : [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    tools: [],
    top_p: 1,
    truncation: "disabled",
    usage: final && settled !== "failed" ? plan.usage : null,
    user: null,
    metadata: {},
  };
}
