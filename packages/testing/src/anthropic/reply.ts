// A Messages request and a behaviour → the reply to send: content blocks (thinking, text,
// tool_use) with their stream pieces, stop reason and usage. Pure; the wire formats live in
// message.ts and stream.ts.
import { sampleFromSchema } from "../mock-json-schema.ts";
import { tokenize } from "../mock-reply.ts";
import type { AnthropicBehaviour, AnthropicToolUse } from "./types.ts";
import type { MessagesRequest } from "./validate.ts";
import { planSearch, type SearchBlock } from "./web-search.ts";

export type PlannedBlock =
  | { type: "thinking"; thinking: string; signature: string; pieces: string[] }
  | { type: "tool_use"; id: string; name: string; input: Record<string, unknown>; pieces: string[] }
  | SearchBlock;

export interface AnthropicReply {
  id: string;
  model: string;
  blocks: PlannedBlock[];
  stopReason: string;
  stopSequence: string | null;
  usage: { input_tokens: number; output_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number; thinking_tokens: number; web_search_requests: number };
}

let counter = 0;
const nextId = (prefix: string): string => `${prefix}_01mock${(counter++).toString(36).padStart(18, "0")}`;

export function planReply(request: MessagesRequest, behaviour: AnthropicBehaviour): AnthropicReply {
  const blocks: PlannedBlock[] = [];
  const thinking = request.thinking ? (request.thinking.display === "omitted" ? "" : (behaviour.thinking ?? "Let me think this through.")) : undefined;
  if (thinking !== undefined) blocks.push({ type: "thinking", thinking, signature: Buffer.from(`mock-signature:${thinking}`).toString("base64"), pieces: tokenize(thinking) });

  if (request.webSearch && behaviour.toolUses === undefined) return searchReply(request, behaviour, blocks, thinking);
  const uses = behaviour.toolUses === undefined ? [] : behaviour.toolUses.length > 0 ? behaviour.toolUses : [autoToolUse(request)];
  let stopReason = uses.length > 0 ? "tool_use" : "end_turn";
  let stopSequence: string | null = null;
  let text = behaviour.chunks?.join("") ?? behaviour.text ?? (uses.length > 0 ? "" : defaultText(request));
  let pieces = behaviour.chunks ?? tokenize(text);
  const stop = request.stopSequences.find((s) => text.includes(s));
  if (stop !== undefined && !behaviour.chunks) {
    text = text.slice(0, text.indexOf(stop));
    pieces = tokenize(text);
    [stopReason, stopSequence] = ["stop_sequence", stop];
  }
  if (pieces.length > request.maxTokens && uses.length === 0) {
    pieces = pieces.slice(0, request.maxTokens);
    text = pieces.join("");
    stopReason = "max_tokens";
  }
  if (text !== "") blocks.push({ type: "text", text, pieces });
  for (const use of uses) {
    const input = use.input ?? {};
    blocks.push({ type: "tool_use", id: use.id ?? nextId("toolu"), name: use.name, input, pieces: tokenize(JSON.stringify(input), 6) });
  }

  const override = behaviour.usage ?? {};
  const thinkingTokens = thinking === undefined ? 0 : tokenize(thinking).length;
  let output = thinkingTokens + pieces.length;
  for (const use of uses) output += Math.ceil(JSON.stringify(use.input ?? {}).length / 4) + 5;
  return {
    id: nextId("msg"),
    model: request.model,
    blocks,
    stopReason: behaviour.stopReason ?? stopReason,
    stopSequence,
    usage: {
      input_tokens: override.input_tokens ?? estimateInput(request),
      output_tokens: override.output_tokens ?? Math.max(1, output),
      cache_read_input_tokens: override.cache_read_input_tokens ?? 0,
      cache_creation_input_tokens: override.cache_creation_input_tokens ?? 0,
      thinking_tokens: thinkingTokens,
      web_search_requests: 0,
    },
  };
}

/** With the web search tool: the searches, their results and the (cited) answer. */
function searchReply(request: MessagesRequest, behaviour: AnthropicBehaviour, blocks: PlannedBlock[], thinking: string | undefined): AnthropicReply {
  const text = behaviour.chunks?.join("") ?? behaviour.text;
  const search = planSearch(request.webSearch!, behaviour.webSearch, lastUserText(request), text, nextId);
  const override = behaviour.usage ?? {};
  const thinkingTokens = thinking === undefined ? 0 : tokenize(thinking).length;
  return {
    id: nextId("msg"),
    model: request.model,
    blocks: [...blocks, ...search.blocks],
    stopReason: behaviour.stopReason ?? "end_turn",
    stopSequence: null,
    usage: {
      input_tokens: override.input_tokens ?? estimateInput(request) + search.resultTokens,
      output_tokens: override.output_tokens ?? thinkingTokens + search.outputTokens,
      cache_read_input_tokens: override.cache_read_input_tokens ?? 0,
      cache_creation_input_tokens: override.cache_creation_input_tokens ?? 0,
      thinking_tokens: thinkingTokens,
      web_search_requests: search.requests,
    },
  };
}

function lastUserText(request: MessagesRequest): string {
  const last = [...request.messages].reverse().find((m) => m.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return last.content.map((b) => (b.type === "text" && typeof b.text === "string" ? b.text : "")).join("");
}

function defaultText(request: MessagesRequest): string {
  if (request.schema) return JSON.stringify(sampleFromSchema(request.schema));
  return `Hello from the Anthropic mock (model ${request.model}).`;
}

function autoToolUse(request: MessagesRequest): AnthropicToolUse {
  const tool = request.tools[0];
  if (!tool) return { name: "get_weather", input: { location: "Paris" } };
  const input = sampleFromSchema(tool.input_schema);
  return { name: tool.name, input: typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {} };
}

/** ceil(characters of the messages' JSON / 4): a stable, plausible count. */
function estimateInput(request: MessagesRequest): number {
  return Math.max(1, Math.ceil(JSON.stringify(request.messages).length / 4));
}
