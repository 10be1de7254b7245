// Reading a (validated) chat completions request body: the fields the mock's reply depends on.

import { webSearchOptionsError } from "./mock-web-search.ts";

type Json = Record<string, unknown>;

export interface ChatRequest {
  model: string;
  messages: unknown[];
  stream: boolean;
  includeUsage: boolean;
  n: number;
  maxTokens: number | undefined;
  responseFormat: Json | undefined;
  tools: unknown[];
  /** The request sent web_search_options. */
  webSearch: boolean;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A 400 `{ param, message? }` when the body is not a chat request; the parsed request otherwise. */
export function readChatRequest(body: unknown): ChatRequest | { param: string; message?: string } {
  if (!isObject(body)) return { param: "messages", message: "The request body must be a JSON object." };
  const model = body.model;
  if (model === undefined || model === null || model === "") return { param: "model", message: "you must provide a model parameter" };
  if (typeof model !== "string") return { param: "model", message: "Invalid type for 'model': expected a string." };
  const messages = body.messages;
  if (messages === undefined || messages === null) return { param: "messages" };
  if (!Array.isArray(messages)) return { param: "messages", message: "Invalid type for 'messages': expected an array." };
  if (messages.length === 0) return { param: "messages", message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead." };
  const n = typeof body.n === "number" && Number.isInteger(body.n) && body.n > 0 ? Math.min(body.n, 128) : 1;
  const limit = typeof body.max_completion_tokens === "number" ? body.max_completion_tokens : body.max_tokens;
  const streamOptions = body.stream_options;
  const searchProblem = webSearchOptionsError(body.web_search_options);
  if (searchProblem) return searchProblem;
  return {
    model,
    messages,
    stream: body.stream === true,
    includeUsage: body.stream === true && isObject(streamOptions) && streamOptions.include_usage === true,
    n,
    maxTokens: typeof limit === "number" && limit > 0 ? Math.floor(limit) : undefined,
    responseFormat: isObject(body.response_format) ? body.response_format : undefined,
    tools: Array.isArray(body.tools) ? body.tools : [],
    webSearch: body.web_search_options !== undefined && body.web_search_options !== null,
  };
}

/** The text of a message's content: a string, or the text parts of an array. */
export function messageText(message: unknown): string {
  if (!isObject(message)) return "";
  const content = message.content;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (const part of content) if (isObject(part) && typeof part.text === "string") text += part.text;
  return text;
}

export function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isObject(message) && message.role === "user") return messageText(message);
  }
  return "";
}

/** ceil(characters of every message's text / 4) + 3 per message. */
export function estimatePromptTokens(messages: unknown[]): number {
  let chars = 0;
  for (const message of messages) chars += messageText(message).length;
  return Math.ceil(chars / 4) + 3 * messages.length;
}

/** The first declared function tool: its name and parameter schema. */
export function firstTool(tools: unknown[]): { name: string; parameters: unknown } | undefined {
  for (const tool of tools) {
    if (!isObject(tool)) continue;
    const fn = tool.function;
    if (isObject(fn) && typeof fn.name === "string") return { name: fn.name, parameters: fn.parameters };
  }
  return undefined;
}

/** The JSON schema of a json_schema response_format, `null` for json_object, undefined for text. */
export function responseSchema(format: Json | undefined): unknown {
  if (!format) return undefined;
  if (format.type === "json_object") return null;
  if (format.type !== "json_schema") return undefined;
  const spec = format.json_schema;
  return isObject(spec) && isObject(spec.schema) ? spec.schema : {};
}
