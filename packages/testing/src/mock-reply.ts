// Turning a chat request and a behaviour into the reply to send: content, stream pieces, tool
// calls, finish reason and usage. Pure and cheap; the wire formats live in mock-completion/mock-stream.
import { estimatePromptTokens, firstTool, responseSchema, type ChatRequest } from "./mock-chat-request.ts";
import { completionId, toolCallId } from "./mock-ids.ts";
import { sampleFromSchema } from "./mock-json-schema.ts";
import type { Behaviour, MockToolCall } from "./mock-types.ts";
import { annotationsFor, isSearchModel, searchAnswer, type UrlCitation } from "./mock-web-search.ts";

export interface ToolCallPlan {
  name: string;
  arguments: string;
  /** One id per choice. */
  ids: string[];
  /** Argument fragments as streamed. */
  fragments: string[];
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: { reasoning_tokens: number; audio_tokens: number; accepted_prediction_tokens: number; rejected_prediction_tokens: number };
}

export interface ReplyPlan {
  id: string;
  created: number;
  model: string;
  n: number;
  content: string | null;
  pieces: string[];
  toolCalls: ToolCallPlan[];
  finishReason: string;
  usage: Usage | undefined;
  /** Search models: the url_citation annotations of the reply (empty otherwise). */
  annotations: UrlCitation[];
}

/** Token-like pieces: each run of whitespace with up to `width` following characters. */
export function tokenize(text: string, width = 16): string[] {
  if (!text) return [];
  const pattern = width === 16 ? PIECE16 : new RegExp(`\\s*\\S{1,${width}}|\\s+$`, "g");
  return text.match(pattern) ?? [];
}
const PIECE16 = /\s*\S{1,16}|\s+$/g;

function splitEvenly(text: string, count: number): string[] {
  const parts = Math.max(1, Math.floor(count));
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

export function defaultText(model: string): string {
  return `Hello from mock upstream (model ${model}).`;
}

function defaultContent(request: ChatRequest): string {
  const schema = responseSchema(request.responseFormat);
  if (schema === undefined) return defaultText(request.model);
  if (schema === null) return JSON.stringify({ message: defaultText(request.model) });
  return JSON.stringify(sampleFromSchema(schema));
}

function planToolCalls(request: ChatRequest, behaviour: Behaviour): ToolCallPlan[] {
  const scripted = behaviour.toolCalls;
  if (!scripted) return [];
  const calls: MockToolCall[] = scripted.length > 0 ? scripted : [autoToolCall(request)];
  return calls.map((call) => {
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {});
    const ids = Array.from({ length: request.n }, (_, i) => (i === 0 && call.id ? call.id : toolCallId()));
    return { name: call.name, arguments: args, ids, fragments: tokenize(args, 6) };
  });
}

function autoToolCall(request: ChatRequest): MockToolCall {
  const tool = firstTool(request.tools);
  if (!tool) return { name: "get_weather", arguments: { location: "Paris" } };
  const args = sampleFromSchema(tool.parameters);
  return { name: tool.name, arguments: typeof args === "object" && args !== null && !Array.isArray(args) ? (args as Record<string, unknown>) : {} };
}

function buildUsage(request: ChatRequest, behaviour: Behaviour, content: string | null, toolCalls: ToolCallPlan[]): Usage {
  const override = behaviour.usage ?? {};
  let perChoice = content ? tokenize(content).length : 0;
  for (const call of toolCalls) perChoice += Math.ceil((call.name.length + call.arguments.length) / 4) + 3;
  const reasoning = override.reasoning_tokens ?? 0;
  const prompt = override.prompt_tokens ?? estimatePromptTokens(request.messages);
  const completion = override.completion_tokens ?? perChoice * request.n + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: override.cached_tokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function planReply(request: ChatRequest, behaviour: Behaviour): ReplyPlan {
  const toolCalls = planToolCalls(request, behaviour);
  let finishReason = toolCalls.length > 0 ? "tool_calls" : "stop";
  let content: string | null;
  let pieces: string[];
  const search = isSearchModel(request.model) && toolCalls.length === 0 && behaviour.content === undefined && !Array.isArray(behaviour.chunks) && request.responseFormat === undefined ? searchAnswer(request.model) : undefined;
  if (search) behaviour = { ...behaviour, content: search.content, citations: behaviour.citations ?? search.citations };
  if (Array.isArray(behaviour.chunks)) {
    pieces = behaviour.chunks;
    content = pieces.join("");
  } else {
    content = behaviour.content ?? (toolCalls.length > 0 ? null : defaultContent(request));
    if (content !== null && request.maxTokens !== undefined && toolCalls.length === 0) {
      const tokens = tokenize(content);
      if (tokens.length > request.maxTokens) {
        content = tokens.slice(0, request.maxTokens).join("");
        finishReason = "length";
      }
    }
    pieces = content === null ? [] : typeof behaviour.chunks === "number" ? splitEvenly(content, behaviour.chunks) : tokenize(content);
  }
  return {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    n: request.n,
    content,
    pieces,
    toolCalls,
    finishReason: behaviour.finishReason ?? finishReason,
    usage: behaviour.omitUsage ? undefined : buildUsage(request, behaviour, content, toolCalls),
    annotations: isSearchModel(request.model) && content !== null ? annotationsFor(content, behaviour.citations ?? []) : [],
  };
}
