// Validation of a chat completions request. Known parameters are checked for type and range
// (a 400 names the parameter); unknown parameters pass through to OpenAI-compatible upstreams.
import { z } from "zod";

const text = z.string();
const contentPart = z.looseObject({ type: z.string() });
const content = z.union([text, z.array(contentPart)]).nullable();

const message = z.discriminatedUnion("role", [
  z.looseObject({ role: z.literal("system"), content: z.union([text, z.array(contentPart)]) }),
  z.looseObject({ role: z.literal("developer"), content: z.union([text, z.array(contentPart)]) }),
  z.looseObject({ role: z.literal("user"), content: z.union([text, z.array(contentPart)]) }),
  z.looseObject({ role: z.literal("assistant"), content: content.optional(), tool_calls: z.array(z.looseObject({ id: z.string(), type: z.string(), function: z.looseObject({ name: z.string(), arguments: z.string() }) })).optional() }),
  z.looseObject({ role: z.literal("tool"), content: z.union([text, z.array(contentPart)]), tool_call_id: z.string() }),
  z.looseObject({ role: z.literal("function"), content: text.nullable(), name: z.string() }),
]);

const tool = z.looseObject({
  type: z.string(),
  function: z.looseObject({ name: z.string().min(1).max(64), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional() }).optional(),
});

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.looseObject({ type: z.literal("function"), function: z.looseObject({ name: z.string() }) }),
  z.looseObject({ type: z.string() }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text") }),
  z.looseObject({ type: z.literal("json_object") }),
  z.looseObject({ type: z.literal("json_schema"), json_schema: z.looseObject({ name: z.string().min(1), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullable().optional() }) }),
]);

export const byokConfSchema = z.strictObject({
  provider: z.string().min(1),
  fallback: z.boolean().default(true),
  credentials: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1).max(256),
  messages: z.array(message).min(1),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  tools: z.array(tool).optional(),
  tool_choice: toolChoice.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormat.optional(),
  reasoning_effort: z.enum(["minimal", "low", "medium", "high"]).nullable().optional(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullable().optional(),
  seed: z.number().int().nullable().optional(),
  n: z.number().int().min(1).max(128).nullable().optional(),
  logprobs: z.boolean().nullable().optional(),
  top_logprobs: z.number().int().min(0).max(20).nullable().optional(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
  byok_conf: byokConfSchema.optional(),
});

export type ChatRequest = z.output<typeof chatRequestSchema>;
export type ByokConf = z.output<typeof byokConfSchema>;
