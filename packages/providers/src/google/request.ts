// An OpenAI chat completions body → a Gemini generateContent request
// (https://ai.google.dev/api/generate-content#request-body). Parameters Gemini cannot honour are
// refused with a 400 that names them when the client relies on them (logprobs, audio output,
// non-function tools); hints that change nothing the client can observe are dropped (user,
// metadata, store, parallel_tool_calls, service_tier, prediction, strict). web_search_options asks
// for Grounding with Google Search (grounding.ts).
import { SwitchyardError } from "@switchyard/core";
import { googleSearchTool } from "./grounding.ts";
import { toConversation } from "./messages.ts";
import { geminiFamily } from "./model-family.ts";
import { thinkingConfig, type ReasoningEffort } from "./thinking.ts";
import type { GeminiFunctionDeclaration, GeminiGenerationConfig, GeminiRequest, GeminiToolConfig } from "./wire.ts";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unsupported(param: string, message: string): SwitchyardError {
  return new SwitchyardError("unsupported_parameter", message, { param });
}

/** `$schema` names a dialect and constrains nothing; Gemini's schema fields have no place for it. */
function schema(value: unknown): unknown {
  if (!isObject(value)) return value;
  const { $schema: _dialect, ...rest } = value;
  return rest;
}

function refuseUnsupported(body: Json): void {
  if (body.logprobs === true) throw unsupported("logprobs", "Google AI Studio does not return OpenAI logprobs; remove `logprobs`.");
  if (body.audio != null || (Array.isArray(body.modalities) && body.modalities.includes("audio"))) {
    throw unsupported("modalities", "Audio output is not available through Google AI Studio chat completions.");
  }
}

function functionDeclarations(tools: unknown[]): GeminiFunctionDeclaration[] {
  return tools.map((tool, i) => {
    const t = tool as Json;
    if (t.type !== "function" || !isObject(t.function)) throw unsupported(`tools[${i}].type`, `Only function tools can be sent to Google AI Studio (tools[${i}] is ${String(t.type)}).`);
    const fn = t.function;
    return {
      name: String(fn.name),
      ...(typeof fn.description === "string" ? { description: fn.description } : {}),
      ...(isObject(fn.parameters) ? { parametersJsonSchema: schema(fn.parameters) } : {}),
    };
  });
}

function toolConfig(choice: unknown): GeminiToolConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  if (isObject(choice) && choice.type === "function" && isObject(choice.function)) {
    return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [String(choice.function.name)] } };
  }
  throw unsupported("tool_choice", "tool_choice must be auto, none, required or a named function for Google AI Studio.");
}

function generationConfig(body: Json, model: string): GeminiGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (typeof body.temperature === "number") config.temperature = body.temperature;
  if (typeof body.top_p === "number") config.topP = body.top_p;
  if (typeof body.top_k === "number") config.topK = body.top_k;
  const max = body.max_completion_tokens ?? body.max_tokens;
  if (typeof max === "number") config.maxOutputTokens = max;
  if (typeof body.stop === "string") config.stopSequences = [body.stop];
  else if (Array.isArray(body.stop)) config.stopSequences = body.stop as string[];
  if (typeof body.seed === "number") config.seed = body.seed;
  if (typeof body.presence_penalty === "number") config.presencePenalty = body.presence_penalty;
  if (typeof body.frequency_penalty === "number") config.frequencyPenalty = body.frequency_penalty;
  if (typeof body.n === "number" && body.n > 1) config.candidateCount = body.n;
  const format = isObject(body.response_format) ? body.response_format : undefined;
  if (format?.type === "json_object") config.responseMimeType = "application/json";
  if (format?.type === "json_schema") {
    config.responseMimeType = "application/json";
    const spec = isObject(format.json_schema) ? format.json_schema : {};
    if (isObject(spec.schema)) config.responseJsonSchema = schema(spec.schema);
  }
  if (typeof body.reasoning_effort === "string") config.thinkingConfig = thinkingConfig(body.reasoning_effort as ReasoningEffort, geminiFamily(model), model);
  return config;
}

export function geminiRequest(body: Json, model: string): GeminiRequest {
  refuseUnsupported(body);
  const request: GeminiRequest = toConversation(body.messages as unknown[], geminiFamily(model).signaturesRequired);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length > 0) {
    request.tools = [{ functionDeclarations: functionDeclarations(tools) }];
    const config = toolConfig(body.tool_choice);
    if (config) request.toolConfig = config;
  }
  const search = googleSearchTool(body.web_search_options);
  if (!search.ok) throw unsupported(search.param, search.message);
  if (search.tool) (request.tools ??= []).push(search.tool);
  const config = generationConfig(body, model);
  if (Object.keys(config).length > 0) request.generationConfig = config;
  return request;
}
