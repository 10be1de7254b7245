// Validates a Messages request body as the API does (field errors read "<path>: <problem>"),
// from https://platform.claude.com/docs/en/api/messages/create. Stricter than the API in one
// place, to check the gateway's translation: consecutive turns of one role are refused (the API
// would merge them).
import { validateBlocks, type Json } from "./validate-blocks.ts";
import { validateServerTool, type WebSearchToolSpec } from "./validate-server-tools.ts";

export interface MessagesRequest {
  model: string;
  maxTokens: number;
  messages: Array<{ role: string; content: string | Json[] }>;
  stream: boolean;
  /** The request's custom (function) tools. */
  tools: Array<{ name: string; input_schema: Json }>;
  /** The web search server tool, when declared. */
  webSearch: WebSearchToolSpec | undefined;
  thinking: Json | undefined;
  schema: Json | undefined;
  stopSequences: string[];
}

const FIELDS = new Set([
  "model", "messages", "max_tokens", "system", "metadata", "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice",
  "thinking", "output_config", "service_tier", "container", "inference_geo", "cache_control",
]);
const EFFORTS = new Set(["low", "medium", "high", "xhigh", "max"]);

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function validateRequest(body: unknown): MessagesRequest | string {
  if (!isObject(body)) return "body: Input should be a valid dictionary";
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) return `${key}: Extra inputs are not permitted`;
  const { model, max_tokens: maxTokens, messages } = body;
  if (typeof model !== "string" || model === "") return "model: Field required";
  if (maxTokens === undefined) return "max_tokens: Field required";
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 1) return "max_tokens: Input should be a positive integer";
  if (!Array.isArray(messages) || messages.length === 0) return "messages: at least one message is required";
  for (const [name, max] of [["temperature", 1], ["top_p", 1]] as const) {
    const v = body[name];
    if (v !== undefined && (typeof v !== "number" || v < 0 || v > max)) return `${name}: Input should be between 0 and ${max}`;
  }
  if (body.system !== undefined && typeof body.system !== "string") {
    if (!Array.isArray(body.system) || body.system.some((b) => !isObject(b) || b.type !== "text" || typeof b.text !== "string" || b.text === "")) return "system: must be a string or a list of non-empty text blocks";
  }
  if (body.stop_sequences !== undefined && (!Array.isArray(body.stop_sequences) || body.stop_sequences.some((s) => typeof s !== "string"))) return "stop_sequences: Input should be a list of strings";
  if (body.metadata !== undefined && (!isObject(body.metadata) || Object.keys(body.metadata).some((k) => k !== "user_id"))) return "metadata: only user_id is permitted";
  const declared = validateTools(body.tools, body.tool_choice);
  if (typeof declared === "string") return declared;
  const thinking = validateThinking(body, maxTokens as number);
  if (thinking) return thinking;
  const schema = outputSchema(body.output_config);
  if (typeof schema === "string") return schema;
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isObject(m) || (m.role !== "user" && m.role !== "assistant")) return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (i > 0 && (messages[i - 1] as Json).role === m.role) return `messages.${i}: roles must alternate between "user" and "assistant" (this mock refuses consecutive ${m.role} turns)`;
    const problem = validateBlocks(m, i, messages[i - 1] as Json | undefined, messages[i + 1] as Json | undefined);
    if (problem) return problem;
  }
  return {
    model,
    maxTokens: maxTokens as number,
    messages: messages as MessagesRequest["messages"],
    stream: body.stream === true,
    tools: declared.tools,
    webSearch: declared.webSearch,
    thinking: isObject(body.thinking) && body.thinking.type !== "disabled" ? body.thinking : undefined,
    schema,
    stopSequences: (body.stop_sequences as string[] | undefined) ?? [],
  };
}

function validateTools(tools: unknown, choice: unknown): { tools: MessagesRequest["tools"]; webSearch: WebSearchToolSpec | undefined } | string {
  if (tools !== undefined && !Array.isArray(tools)) return "tools: Input should be a valid list";
  const list = (tools ?? []) as unknown[];
  const custom: MessagesRequest["tools"] = [];
  let webSearch: WebSearchToolSpec | undefined;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (isObject(t) && t.type !== undefined && t.type !== "custom") {
      const spec = validateServerTool(t, i);
      if (typeof spec === "string") return spec;
      if (webSearch) return `tools.${i}: tool names must be unique (web_search is declared twice)`;
      webSearch = spec;
      continue;
    }
    if (!isObject(t) || typeof t.name !== "string" || !/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    if (!isObject(t.input_schema) || t.input_schema.type !== "object") return `tools.${i}.input_schema.type: Input should be 'object'`;
    custom.push(t as MessagesRequest["tools"][number]);
  }
  if (choice !== undefined) {
    if (!isObject(choice) || !["auto", "any", "tool", "none"].includes(String(choice.type))) return "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'";
    if (choice.type === "tool" && !list.some((t) => isObject(t) && t.name === choice.name)) return `tool_choice.name: Tool '${String(choice.name)}' not found in tools`;
    if (choice.disable_parallel_tool_use !== undefined && typeof choice.disable_parallel_tool_use !== "boolean") return "tool_choice.disable_parallel_tool_use: Input should be a valid boolean";
  }
  return { tools: custom, webSearch };
}

function validateThinking(body: Json, maxTokens: number): string | undefined {
  const t = body.thinking;
  if (t === undefined) return undefined;
  if (!isObject(t)) return "thinking: Input should be a valid dictionary";
  if (t.type === "enabled") {
    if (!Number.isInteger(t.budget_tokens) || (t.budget_tokens as number) < 1024) return "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024";
    if ((t.budget_tokens as number) >= maxTokens) return "`max_tokens` must be greater than `thinking.budget_tokens`";
  } else if (t.type !== "adaptive" && t.type !== "disabled") return "thinking.type: Input should be 'enabled', 'adaptive' or 'disabled'";
  if (t.type !== "disabled") {
    if (body.temperature !== undefined && body.temperature !== 1) return "`temperature` may only be set to 1 when thinking is enabled";
    const forced = isObject(body.tool_choice) && (body.tool_choice.type === "any" || body.tool_choice.type === "tool");
    if (forced) return "Thinking may not be enabled when tool_choice forces tool use.";
  }
  return undefined;
}

function outputSchema(config: unknown): Json | undefined | string {
  if (config === undefined) return undefined;
  if (!isObject(config)) return "output_config: Input should be a valid dictionary";
  if (config.effort !== undefined && !EFFORTS.has(String(config.effort))) return "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'";
  if (config.format === undefined) return undefined;
  if (!isObject(config.format) || config.format.type !== "json_schema" || !isObject(config.format.schema)) return "output_config.format: expected {type: 'json_schema', schema: {...}}";
  return config.format.schema;
}
