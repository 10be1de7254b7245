// An OpenAI chat completions body → an Anthropic Messages body
// (https://platform.claude.com/docs/en/api/messages/create). Every parameter is either
// translated, dropped because dropping cannot change the answer, or refused with a 400 naming it.
import { convertMessages } from "./messages.ts";
import { isObject, type Json, Unsupported } from "./json.ts";
import { planThinking } from "./thinking.ts";
import { convertTools } from "./tools.ts";
import { webSearchTool } from "./web-search.ts";

/** Read here (or in convertTools / planThinking). */
const TRANSLATED = new Set([
  "model", "messages", "stream", "stream_options", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "tools",
  "tool_choice", "parallel_tool_calls", "response_format", "reasoning_effort", "user", "safety_identifier", "web_search_options",
  // Anthropic's own sampling parameter, accepted as an extra (deprecated on the newest models).
  "top_k",
]);
/**
 * Dropped: they cannot change the answer. `seed` is best effort at OpenAI too (no determinism
 * is promised); metadata/store/service_tier/prompt_cache_key concern OpenAI's own storage,
 * tiers and caching.
 */
const DROPPED = new Set(["seed", "metadata", "store", "service_tier", "prompt_cache_key"]);
/** Accepted only at their neutral value. */
const NEUTRAL: Record<string, (v: unknown) => boolean> = {
  n: (v) => v === 1,
  frequency_penalty: (v) => v === 0,
  presence_penalty: (v) => v === 0,
  logprobs: (v) => v === false,
  top_logprobs: (v) => v === 0,
  logit_bias: (v) => isObject(v) && Object.keys(v).length === 0,
  modalities: (v) => Array.isArray(v) && v.every((m) => m === "text"),
};

const JSON_OBJECT_INSTRUCTION = "Respond with a single valid JSON object and nothing else: no prose and no Markdown code fences.";

export function anthropicRequest(model: string, body: Json, stream: boolean): Json {
  for (const [param, value] of Object.entries(body)) {
    if (value === null || value === undefined || TRANSLATED.has(param) || DROPPED.has(param)) continue;
    const neutral = NEUTRAL[param];
    if (neutral?.(value)) continue;
    throw new Unsupported(param, neutral ? `Anthropic's Messages API does not support ${param} (only its default value).` : `Anthropic's Messages API does not support the parameter ${param}.`);
  }
  if (typeof body.temperature === "number" && body.temperature > 1) throw new Unsupported("temperature", "Anthropic accepts a temperature between 0 and 1.");

  const { system, turns } = convertMessages(Array.isArray(body.messages) ? body.messages : []);
  const format = responseFormat(body.response_format);
  if (format.instruction) system.push({ type: "text", text: format.instruction });

  const limitParam = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? "max_completion_tokens" : "max_tokens";
  const limit = typeof body[limitParam] === "number" ? (body[limitParam] as number) : undefined;
  const effort = typeof body.reasoning_effort === "string" ? body.reasoning_effort : undefined;
  const thinking = planThinking(model, effort, limit, limitParam);
  if (thinking.thinking) thinkingCompatible(body);
  const outputConfig = { ...(format.schema ? { format: { type: "json_schema", schema: format.schema } } : {}), ...(thinking.effort ? { effort: thinking.effort } : {}) };
  const user = body.user ?? body.safety_identifier;

  return {
    model,
    max_tokens: thinking.maxTokens,
    ...(system.length > 0 ? { system } : {}),
    messages: turns,
    ...(thinking.thinking ? { thinking: thinking.thinking } : {}),
    ...(Object.keys(outputConfig).length > 0 ? { output_config: outputConfig } : {}),
    ...convertTools(body, webSearchTool(body.web_search_options)),
    ...(typeof body.temperature === "number" ? { temperature: body.temperature } : {}),
    ...(typeof body.top_p === "number" ? { top_p: body.top_p } : {}),
    ...(typeof body.top_k === "number" ? { top_k: body.top_k } : {}),
    ...(body.stop !== undefined && body.stop !== null ? { stop_sequences: Array.isArray(body.stop) ? body.stop : [body.stop] } : {}),
    ...(typeof user === "string" && user ? { metadata: { user_id: user } } : {}),
    ...(stream ? { stream: true } : {}),
  };
}

/**
 * json_schema → structured outputs (`output_config.format`, GA; no beta header). json_object
 * has no Anthropic counterpart (structured outputs need a schema with declared properties), so
 * it becomes a system instruction: best effort, like OpenAI's JSON mode without a schema.
 */
function responseFormat(format: unknown): { schema?: Json; instruction?: string } {
  if (!isObject(format) || format.type === "text") return {};
  if (format.type === "json_object") return { instruction: JSON_OBJECT_INSTRUCTION };
  const schema = isObject(format.json_schema) ? format.json_schema.schema : undefined;
  if (format.type === "json_schema" && isObject(schema)) return { schema };
  throw new Unsupported("response_format", "response_format must be text, json_object or json_schema with a schema for Anthropic.");
}

/** Claude's thinking takes temperature 1 only and no forced tool use (the API answers 400 otherwise). */
function thinkingCompatible(body: Json): void {
  if (typeof body.temperature === "number" && body.temperature !== 1) throw new Unsupported("temperature", "With reasoning_effort, Claude accepts only temperature 1 (or none).");
  const forced = body.tool_choice === "required" || isObject(body.tool_choice);
  if (forced && Array.isArray(body.tools) && body.tools.length > 0) {
    throw new Unsupported("tool_choice", "With reasoning_effort, Claude cannot be forced to call a tool: use tool_choice auto or none.");
  }
}
