// Token estimates for when an upstream reports no usage. Text is counted with o200k_base (the
// GPT-4o / o-series tokenizer) exactly, and the chat format's overhead is added on top the way
// OpenAI's cookbook counts it, so an estimate is never below the tokenizer's count of the text.
// Other models' tokenizers differ; o200k_base is the common yardstick.
import { countTextTokens } from "./count-tokens.ts";
import { isRecord } from "./is-record.ts";

/** Every message is wrapped as <|start|>{role/name}<|message|>{content}<|end|>. */
export const TOKENS_PER_MESSAGE = 3;
/** Every reply is primed with <|start|>assistant<|message|>. */
export const TOKENS_PER_REPLY = 3;
/** A `name` on a message costs one token more than its text. */
export const TOKENS_PER_NAME = 1;
/** Wrapping of one tool call (or legacy function call) around its name and arguments. */
export const TOKENS_PER_TOOL_CALL = 3;
/** Wrapping of one tool definition around its JSON. */
export const TOKENS_PER_TOOL = 3;
/**
 * Every image part, whatever its size or detail: a 1024×1024 high-detail image on GPT-4o
 * (85 base + 4 tiles × 170). Low detail costs 85; the largest images (8 tiles) cost 1,445.
 * Images are not downloaded or decoded to count them.
 */
export const TOKENS_PER_IMAGE = 765;

/** Message fields that are not text the model reads (or are counted separately). */
const SKIPPED_FIELDS = new Set(["content", "tool_calls", "function_call", "audio"]);

/**
 * Prompt tokens of chat `messages` (and, when given, the request's `tools`):
 * per message 3 tokens plus the text of its string fields (role, name + 1, tool_call_id, …);
 * string content, and of multi-part content the text and refusal parts, 765 per image part and
 * the JSON text of any other part (audio, files: over-counted rather than guessed);
 * tool calls' names and arguments + 3 each; 3 for priming the reply.
 */
export function estimatePromptTokens(messages: unknown[], tools?: unknown[]): number {
  let tokens = TOKENS_PER_REPLY;
  for (const message of Array.isArray(messages) ? messages : []) tokens += messageTokens(message);
  for (const tool of Array.isArray(tools) ? tools : []) tokens += TOKENS_PER_TOOL + jsonTokens(tool);
  return tokens;
}

/** Completion tokens of generated text (content, reasoning and tool call text concatenated). */
export function estimateCompletionTokens(text: string): number {
  return countTextTokens(text);
}

function messageTokens(message: unknown): number {
  let tokens = TOKENS_PER_MESSAGE;
  if (!isRecord(message)) return tokens;
  for (const [field, value] of Object.entries(message)) {
    if (SKIPPED_FIELDS.has(field) || typeof value !== "string") continue;
    tokens += countTextTokens(value);
    if (field === "name") tokens += TOKENS_PER_NAME;
  }
  tokens += contentTokens(message.content);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) tokens += callTokens(isRecord(call) ? call.function : undefined);
  }
  if (message.function_call !== undefined && message.function_call !== null) tokens += callTokens(message.function_call);
  return tokens;
}

function contentTokens(content: unknown): number {
  if (typeof content === "string") return countTextTokens(content);
  if (!Array.isArray(content)) return 0;
  let tokens = 0;
  for (const part of content) tokens += partTokens(part);
  return tokens;
}

function partTokens(part: unknown): number {
  if (typeof part === "string") return countTextTokens(part);
  if (!isRecord(part)) return 0;
  switch (part.type) {
    case "text":
      return typeof part.text === "string" ? countTextTokens(part.text) : 0;
    case "refusal":
      return typeof part.refusal === "string" ? countTextTokens(part.refusal) : 0;
    case "image_url":
    case "image":
      return TOKENS_PER_IMAGE;
    default:
      return jsonTokens(part);
  }
}

/** A tool call's `function` (or a legacy `function_call`): its name and arguments. */
function callTokens(fn: unknown): number {
  let tokens = TOKENS_PER_TOOL_CALL;
  if (!isRecord(fn)) return tokens;
  if (typeof fn.name === "string") tokens += countTextTokens(fn.name);
  if (typeof fn.arguments === "string") tokens += countTextTokens(fn.arguments);
  else if (fn.arguments !== undefined && fn.arguments !== null) tokens += jsonTokens(fn.arguments);
  return tokens;
}

function jsonTokens(value: unknown): number {
  try {
    return countTextTokens(JSON.stringify(value) ?? "");
  } catch {
    return 0; // cycles or BigInt: not JSON a client could have sent
  }
}
