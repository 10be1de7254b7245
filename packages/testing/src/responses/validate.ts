// Validates a POST /responses body as the API does, with its error messages: known top-level
// parameters only ("Unknown parameter: 'messages'."), well-formed input items, a tool output
// only for a call in the same input (no stored state), flattened function tools (strict
// schemas must close their objects), tool_choice and text.format shapes, max_output_tokens ≥ 16.
// (Parameters: openai-node ResponseCreateParamsBase; messages quoted from API answers.)
import { invalidType, invalidValue, isObject, missing, RequestError } from "./request-errors.ts";
import { validateItems } from "./validate-items.ts";

type Json = Record<string, unknown>;

const KNOWN = new Set([
  "background", "context_management", "conversation", "include", "input", "instructions", "max_output_tokens", "max_tool_calls", "metadata", "model",
  "moderation", "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key", "prompt_cache_options", "prompt_cache_retention", "reasoning",
  "safety_identifier", "service_tier", "store", "stream", "stream_options", "temperature", "text", "tool_choice", "tools", "top_logprobs", "top_p",
  "truncation", "user",
]);

export interface ResponsesRequest {
  model: string;
  input: Json[];
  stream: boolean;
  tools: Json[];
  format: Json | undefined;
  reasoning: Json | undefined;
  maxOutputTokens: number | undefined;
}

function checkTool(tool: unknown, i: number): Json {
  const param = `tools[${i}]`;
  if (!isObject(tool)) throw invalidType(param, "an object");
  if (tool.type !== "function") throw invalidValue(`${param}.type`, tool.type, ["function", "file_search", "web_search", "mcp"]);
  if ("function" in tool) throw new RequestError(`Unknown parameter: '${param}.function'.`, `${param}.function`, "unknown_parameter");
  if (typeof tool.name !== "string" || !tool.name) throw missing(`${param}.name`);
  const parameters = tool.parameters;
  if (tool.strict !== false && isObject(parameters) && parameters.type === "object" && parameters.additionalProperties !== false) {
    throw new RequestError(`Invalid schema for function '${tool.name}': In context=(), 'additionalProperties' is required to be supplied and to be false.`, `${param}.parameters`, "invalid_function_parameters");
  }
  return tool;
}

function checkToolChoice(choice: unknown): void {
  if (choice === undefined || choice === "auto" || choice === "none" || choice === "required") return;
  if (!isObject(choice)) throw invalidValue("tool_choice", choice, ["none", "auto", "required"]);
  if ("function" in choice) throw new RequestError("Unknown parameter: 'tool_choice.function'.", "tool_choice.function", "unknown_parameter");
  if (choice.type === "function" && typeof choice.name !== "string") throw missing("tool_choice.name");
  if (choice.type === "allowed_tools" && !Array.isArray(choice.tools)) throw missing("tool_choice.tools");
}

function checkFormat(text: unknown): Json | undefined {
  if (text === undefined) return undefined;
  if (!isObject(text)) throw invalidType("text", "an object");
  const format = text.format;
  if (format === undefined) return undefined;
  if (!isObject(format)) throw invalidType("text.format", "an object");
  if (!["text", "json_object", "json_schema"].includes(String(format.type))) throw invalidValue("text.format.type", format.type, ["text", "json_object", "json_schema"]);
  if (format.type === "json_schema") {
    if (typeof format.name !== "string") throw missing("text.format.name");
    if (!isObject(format.schema)) throw missing("text.format.schema");
  }
  return format;
}

function checkNumbers(body: Json): void {
  const limit = body.max_output_tokens;
  if (limit !== undefined && limit !== null) {
    if (typeof limit !== "number" || !Number.isInteger(limit)) throw invalidType("max_output_tokens", "an integer");
    if (limit < 16) throw new RequestError(`Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got ${limit} instead.`, "max_output_tokens", "integer_below_min_value");
  }
  for (const [name, max] of [["temperature", 2], ["top_p", 1]] as const) {
    const v = body[name];
    if (v !== undefined && v !== null && (typeof v !== "number" || v < 0 || v > max)) throw new RequestError(`Invalid '${name}': expected a number between 0 and ${max}.`, name, "invalid_value");
  }
}

function checkReasoning(reasoning: unknown): Json | undefined {
  if (reasoning === undefined || reasoning === null) return undefined;
  if (!isObject(reasoning)) throw invalidType("reasoning", "an object");
  const efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];
  if (reasoning.effort != null && !efforts.includes(String(reasoning.effort))) throw invalidValue("reasoning.effort", reasoning.effort, efforts);
  if (reasoning.summary != null && !["auto", "concise", "detailed"].includes(String(reasoning.summary))) throw invalidValue("reasoning.summary", reasoning.summary, ["auto", "concise", "detailed"]);
  return reasoning;
}

export function validateRequest(body: unknown): ResponsesRequest {
  if (!isObject(body)) throw new RequestError("We could not parse the JSON body of your request.", null, null);
  for (const key of Object.keys(body)) if (!KNOWN.has(key)) throw new RequestError(`Unknown parameter: '${key}'.`, key, "unknown_parameter");
  if (typeof body.model !== "string" || !body.model) throw missing("model");
  const input = typeof body.input === "string" ? [{ type: "message", role: "user", content: body.input }] : body.input;
  if (!Array.isArray(input)) throw missing("input");
  validateItems(input);
  if (body.tools !== undefined && !Array.isArray(body.tools)) throw invalidType("tools", "an array");
  const tools = ((body.tools as unknown[] | undefined) ?? []).map(checkTool);
  checkToolChoice(body.tool_choice);
  checkNumbers(body);
  return {
    model: body.model,
    input: input as Json[],
    stream: body.stream === true,
    tools,
    format: checkFormat(body.text),
    reasoning: checkReasoning(body.reasoning),
    maxOutputTokens: typeof body.max_output_tokens === "number" ? body.max_output_tokens : undefined,
  };
}
