// The streamed reply as the API frames it ("event: <name>\ndata: <json>\n\n"):
//   message_start → per block: content_block_start, deltas (text_delta, thinking_delta then
//   signature_delta, input_json_delta; a cited text block's citations_delta events first;
//   server_tool_use input as input_json_delta; a web_search_tool_result whole in its start
//   event), content_block_stop → message_delta (stop_reason,
//   cumulative usage) → message_stop; a ping follows the first content_block_start.
// With `streamError`, an `error` event replaces the rest after that many events.
import type { ServerResponse } from "node:http";
import { sleep, type Cancellation } from "../mock-sleep.ts";
import { contentBlock, usageObject } from "./message.ts";
import type { AnthropicReply, PlannedBlock } from "./reply.ts";
import type { AnthropicBehaviour } from "./types.ts";

function frame(event: string, data: Record<string, unknown>): string {
  return `event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`;
}

function startBlock(block: PlannedBlock): Record<string, unknown> {
  if (block.type === "thinking") return { type: "thinking", thinking: "", signature: "" };
  if (block.type === "text") return { type: "text", text: "", citations: block.citations ? [] : null };
  if (block.type === "web_search_tool_result") return contentBlock(block);
  return { type: block.type, id: block.id, name: block.name, input: {}, caller: { type: "direct" } };
}

function delta(block: PlannedBlock, piece: string): Record<string, unknown> {
  if (block.type === "thinking") return { type: "thinking_delta", thinking: piece };
  if (block.type === "text") return { type: "text_delta", text: piece };
  return { type: "input_json_delta", partial_json: piece };
}

export function streamEvents(reply: AnthropicReply): string[] {
  const message = { id: reply.id, type: "message", role: "assistant", model: reply.model, content: [], stop_reason: null, stop_sequence: null, stop_details: null, container: null, usage: usageObject(reply, 1, true) };
  const events = [frame("message_start", { message })];
  reply.blocks.forEach((block, index) => {
    events.push(frame("content_block_start", { index, content_block: startBlock(block) }));
    if (index === 0) events.push(frame("ping", {}));
    if (block.type === "text") for (const citation of block.citations ?? []) events.push(frame("content_block_delta", { index, delta: { type: "citations_delta", citation } }));
    for (const piece of block.pieces) events.push(frame("content_block_delta", { index, delta: delta(block, piece) }));
    if (block.type === "thinking") events.push(frame("content_block_delta", { index, delta: { type: "signature_delta", signature: block.signature } }));
    events.push(frame("content_block_stop", { index }));
  });
  const usage = usageObject(reply, reply.usage.output_tokens);
  events.push(frame("message_delta", { delta: { stop_reason: reply.stopReason, stop_sequence: reply.stopSequence, stop_details: null, container: null }, usage }));
  events.push(frame("message_stop", {}));
  return events;
}

export async function writeStream(res: ServerResponse, reply: AnthropicReply, behaviour: AnthropicBehaviour, headers: Record<string, string>, cancellation: Cancellation): Promise<void> {
  let events = streamEvents(reply);
  if (behaviour.streamError) {
    const { type, message, afterEvents } = behaviour.streamError;
    events = [...events.slice(0, afterEvents), frame("error", { error: { type, message: message ?? type } })];
  }
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers });
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && behaviour.chunkDelayMs && !(await sleep(behaviour.chunkDelayMs, cancellation))) return;
    if (res.destroyed) return;
    res.write(events[i]);
  }
  res.end();
}
