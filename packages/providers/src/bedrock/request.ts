// The Converse request body for an OpenAI chat completions body
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
//
//   max_completion_tokens | max_tokens   → inferenceConfig.maxTokens (omitted: the model's default)
//   temperature, top_p, stop             → inferenceConfig.temperature, topP, stopSequences
//   response_format json_schema          → outputConfig.textFormat {type: "json_schema",
//                                           structure.jsonSchema {schema (JSON text), name, description}}
//   reasoning_effort (Claude models)     → additionalModelRequestFields thinking (see thinking.ts)
//   seed, user, metadata, parallel_tool_calls: dropped (best-effort or informational in OpenAI's API;
//     Converse cannot disable parallel tool use, and clients handle tool call arrays anyway)
//   n > 1, logprobs, top_logprobs, non-zero penalties, reasoning_effort for other models: a 400 naming it
import { InvalidParam } from "./invalid.ts";
import { hasToolBlocks, translateMessages } from "./messages.ts";
import { thinkingFields, type ReasoningEffort } from "./thinking.ts";
import { toolConfig } from "./tools.ts";

export interface ConverseRequest {
  payload: Record<string, unknown>;
  /** response_format json_object is served by a forced tool (see tools.ts). */
  jsonTool: boolean;
}

export function converseRequest(body: Record<string, unknown>, upstreamModel: string): ConverseRequest {
  refuseUnsupported(body);
  const { system, messages } = translateMessages(body.messages as Record<string, unknown>[]);
  const tools = toolConfig(body, hasToolBlocks(messages));
  const inference: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: unknown } = {};
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | null | undefined;
  if (typeof maxTokens === "number") inference.maxTokens = maxTokens;
  if (typeof body.temperature === "number") inference.temperature = body.temperature;
  if (typeof body.top_p === "number") inference.topP = body.top_p;
  if (body.stop !== undefined && body.stop !== null) inference.stopSequences = typeof body.stop === "string" ? [body.stop] : body.stop;
  const payload: Record<string, unknown> = { messages };
  if (system.length > 0) payload.system = system;
  if (tools.toolConfig) payload.toolConfig = tools.toolConfig;
  const effort = body.reasoning_effort as ReasoningEffort | null | undefined;
  if (effort) payload.additionalModelRequestFields = thinkingFields(effort, upstreamModel, inference);
  if (Object.keys(inference).length > 0) payload.inferenceConfig = inference;
  const schema = jsonSchemaFormat(body.response_format);
  if (schema) payload.outputConfig = { textFormat: schema };
  return { payload, jsonTool: tools.jsonTool };
}

function refuseUnsupported(body: Record<string, unknown>): void {
  if (typeof body.n === "number" && body.n > 1) throw new InvalidParam("n", "Bedrock returns one choice per request; n must be 1.");
  if (body.logprobs === true) throw new InvalidParam("logprobs", "Bedrock does not return log probabilities.");
  if (typeof body.top_logprobs === "number" && body.top_logprobs > 0) throw new InvalidParam("top_logprobs", "Bedrock does not return log probabilities.");
  for (const penalty of ["frequency_penalty", "presence_penalty"]) {
    if (typeof body[penalty] === "number" && body[penalty] !== 0) throw new InvalidParam(penalty, `Bedrock's Converse API has no ${penalty}.`);
  }
}

function jsonSchemaFormat(format: unknown): Record<string, unknown> | undefined {
  const f = format as { type?: string; json_schema?: { name: string; description?: string; schema?: unknown } } | undefined;
  if (f?.type !== "json_schema" || !f.json_schema) return undefined;
  const { name, description, schema } = f.json_schema;
  const jsonSchema = { schema: JSON.stringify(schema ?? { type: "object" }), name, ...(description ? { description } : {}) };
  return { type: "json_schema", structure: { jsonSchema } };
}
