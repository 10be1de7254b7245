// The non-streaming Message object and the Models list, as the API returns them.
import type { AnthropicReply, PlannedBlock } from "./reply.ts";

export function contentBlock(block: PlannedBlock): Record<string, unknown> {
  switch (block.type) {
    case "thinking":
      return { type: "thinking", thinking: block.thinking, signature: block.signature };
    case "text":
      return { type: "text", text: block.text, citations: block.citations ?? null };
    case "tool_use":
      return { type: "tool_use", id: block.id, name: block.name, input: block.input, caller: { type: "direct" } };
    case "server_tool_use":
      return { type: "server_tool_use", id: block.id, name: block.name, input: block.input, caller: { type: "direct" } };
    case "web_search_tool_result":
      return { type: "web_search_tool_result", tool_use_id: block.toolUseId, content: block.content, caller: { type: "direct" } };
  }
}

/** `started`: the usage message_start carries (no searches made yet). */
export function usageObject(reply: AnthropicReply, outputTokens: number, started = false): Record<string, unknown> {
  const u = reply.usage;
  return {
    input_tokens: u.input_tokens,
    cache_creation_input_tokens: u.cache_creation_input_tokens,
    cache_read_input_tokens: u.cache_read_input_tokens,
    cache_creation: { ephemeral_5m_input_tokens: u.cache_creation_input_tokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    output_tokens_details: u.thinking_tokens > 0 ? { thinking_tokens: u.thinking_tokens } : null,
    server_tool_use: u.web_search_requests > 0 && !started ? { web_search_requests: u.web_search_requests, web_fetch_requests: 0 } : null,
    service_tier: "standard",
    inference_geo: "global",
  };
}

export function messageBody(reply: AnthropicReply): Record<string, unknown> {
  return {
    id: reply.id,
    type: "message",
    role: "assistant",
    model: reply.model,
    content: reply.blocks.map(contentBlock),
    stop_reason: reply.stopReason,
    stop_sequence: reply.stopSequence,
    stop_details: null,
    container: null,
    usage: usageObject(reply, reply.usage.output_tokens),
  };
}

export function modelsBody(ids: string[]): Record<string, unknown> {
  const data = ids.map((id) => ({ type: "model", id, display_name: id, created_at: "2026-02-17T00:00:00Z" }));
  return { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
}
