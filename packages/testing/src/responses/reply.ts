// A Responses request and a behaviour → the reply to send: reasoning summary parts, output
// text and its stream pieces, function calls, status and usage. Pure; the wire formats are in
// body.ts (the response object) and stream.ts (the events).
import { sampleFromSchema } from "../mock-json-schema.ts";
import { defaultText, tokenize } from "../mock-reply.ts";
import { toolCallId } from "../mock-ids.ts";
import type { ResponsesBehaviour } from "./types.ts";
import type { ResponsesRequest } from "./validate.ts";

export interface PlannedCall {
  itemId: string;
  callId: string;
  name: string;
  arguments: string;
  fragments: string[];
}

export interface ResponsesPlan {
  id: string;
  createdAt: number;
  model: string;
  /** A reasoning item is part of the output (the request set `reasoning`). */
  reasoning: boolean;
  reasoningId: string;
  /** Summary parts, each as streamed pieces; empty when the request asked for no summary. */
  summaries: string[][];
  messageId: string;
  /** Text pieces; empty with no message item. */
  pieces: string[];
  calls: PlannedCall[];
  incomplete: "max_output_tokens" | "content_filter" | undefined;
  usage: { input_tokens: number; input_tokens_details: { cached_tokens: number }; output_tokens: number; output_tokens_details: { reasoning_tokens: number }; total_tokens: number };
}

let counter = 0;
const id = (prefix: string): string => `${prefix}_${Date.now().toString(16)}${(counter++).toString(16).padStart(8, "0")}`;

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map((p) => (typeof p === "object" && p !== null && typeof (p as { text?: unknown }).text === "string" ? (p as { text: string }).text : "")).join("");
  return "";
}

function inputTokens(request: ResponsesRequest): number {
  let chars = 0;
  for (const item of request.input) chars += textOf(item.content).length + textOf(item.arguments).length + textOf(item.output).length;
  return Math.ceil(chars / 4) + 3 * request.input.length;
}

function defaultContent(request: ResponsesRequest): string {
  const format = request.format;
  if (format?.type === "json_schema") return JSON.stringify(sampleFromSchema(format.schema));
  if (format?.type === "json_object") return JSON.stringify({ message: defaultText(request.model) });
  return defaultText(request.model);
}

function planCalls(request: ResponsesRequest, behaviour: ResponsesBehaviour): PlannedCall[] {
  const scripted = behaviour.toolCalls;
  if (!scripted) return [];
  const first = request.tools[0];
  const calls = scripted.length > 0 ? scripted : [{ name: String(first?.name ?? "get_weather"), arguments: (first ? sampleFromSchema(first.parameters) : { location: "Paris" }) as Record<string, unknown> }];
  return calls.map((call) => {
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
    return { itemId: id("fc"), callId: call.id ?? toolCallId(), name: call.name, arguments: args, fragments: tokenize(args, 6) };
  });
}

export function planResponse(request: ResponsesRequest, behaviour: ResponsesBehaviour): ResponsesPlan {
  const calls = planCalls(request, behaviour);
  let incomplete = behaviour.incomplete;
  let pieces = behaviour.chunks ?? tokenize(behaviour.content ?? (calls.length > 0 ? "" : defaultContent(request)));
  if (request.maxOutputTokens !== undefined && pieces.length > request.maxOutputTokens) {
    pieces = pieces.slice(0, request.maxOutputTokens);
    incomplete = "max_output_tokens";
  }
  const wantsSummary = request.reasoning?.summary != null;
  const summaries = wantsSummary ? (behaviour.reasoning ?? ["Considering what the user asked."]).map((part) => tokenize(part)) : [];
  const reasoningTokens = behaviour.usage?.reasoning_tokens ?? (request.reasoning ? 16 + summaries.flat().length : 0);
  const input = behaviour.usage?.prompt_tokens ?? inputTokens(request);
  let output = pieces.length + reasoningTokens;
  for (const call of calls) output += Math.ceil((call.name.length + call.arguments.length) / 4) + 3;
  output = behaviour.usage?.completion_tokens ?? output;
  return {
    id: id("resp"),
    createdAt: Math.floor(Date.now() / 1000),
    model: request.model,
    reasoning: request.reasoning !== undefined,
    reasoningId: id("rs"),
    summaries,
    messageId: id("msg"),
    pieces,
    calls,
    incomplete,
    usage: {
      input_tokens: input,
      input_tokens_details: { cached_tokens: behaviour.usage?.cached_tokens ?? 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: input + output,
    },
  };
}
