// Reading and checking a generateContent request body like the Gemini API does: unknown fields
// are refused ("Unknown name … Cannot find field."), then generationConfig, tools, toolConfig and
// contents (contents.ts). Returns what the reply depends on.
import { contentsError } from "./contents.ts";

type Json = Record<string, unknown>;

const TOP_LEVEL = new Set(["contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings", "cachedContent"]);
const GENERATION = new Set([
  "temperature", "topP", "topK", "maxOutputTokens", "stopSequences", "seed", "presencePenalty", "frequencyPenalty", "candidateCount",
  "responseMimeType", "responseSchema", "responseJsonSchema", "thinkingConfig", "responseLogprobs", "logprobs", "responseModalities", "mediaResolution",
]);
const MODES = new Set(["AUTO", "ANY", "NONE", "VALIDATED"]);
const LEVELS = new Set(["MINIMAL", "LOW", "MEDIUM", "HIGH"]);
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_.:-]{0,127}$/;

export interface GenerateRequest {
  model: string;
  contents: Json[];
  systemInstruction: Json | undefined;
  functions: Array<{ name: string; schema: unknown }>;
  /** The googleSearch tool (Grounding with Google Search) is declared. */
  googleSearch: boolean;
  includeThoughts: boolean;
  /** responseMimeType application/json: undefined schema = any JSON. */
  json: boolean;
  schema: unknown;
  maxOutputTokens: number | undefined;
  candidateCount: number;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const unknownName = (name: string, at?: string): string => `Invalid JSON payload received. Unknown name "${name}"${at ? ` at '${at}'` : ""}: Cannot find field.`;

function generationError(config: Json, gemini3: boolean): string | undefined {
  for (const name of Object.keys(config)) if (!GENERATION.has(name)) return unknownName(name, "generation_config");
  if (config.responseJsonSchema !== undefined && config.responseSchema !== undefined) return "responseSchema and responseJsonSchema are mutually exclusive.";
  if ((config.responseJsonSchema !== undefined || config.responseSchema !== undefined) && config.responseMimeType !== "application/json") {
    return "* GenerateContentRequest.generation_config.response_mime_type: must be application/json when a response schema is set.";
  }
  const thinking = config.thinkingConfig;
  if (thinking === undefined) return undefined;
  if (!isObject(thinking)) return "Invalid value at 'generation_config.thinking_config'";
  for (const name of Object.keys(thinking)) if (!["includeThoughts", "thinkingBudget", "thinkingLevel"].includes(name)) return unknownName(name, "generation_config.thinking_config");
  if (thinking.thinkingBudget !== undefined && thinking.thinkingLevel !== undefined) return "You can only set one of thinking budget and thinking level.";
  if (thinking.thinkingLevel !== undefined && (!gemini3 || !LEVELS.has(String(thinking.thinkingLevel)))) return "Thinking level is not supported for this model.";
  return undefined;
}

const TOOL_KINDS = new Set(["functionDeclarations", "googleSearch", "google_search", "googleSearchRetrieval", "codeExecution", "urlContext"]);
/** GoogleSearch fields the Gemini API takes (excludeDomains and blockingConfidence are Vertex AI only). */
const SEARCH_FIELDS = new Set(["timeRangeFilter", "searchTypes"]);

function searchToolError(tool: Json, at: string, gemini3: boolean, hasFunctions: boolean): string | undefined {
  if (tool.googleSearchRetrieval !== undefined) return "google_search_retrieval is not supported. Please use google_search tool instead.";
  const search = tool.googleSearch ?? tool.google_search;
  if (search === undefined) return undefined;
  if (!isObject(search)) return `Invalid value at '${at}.google_search'`;
  for (const name of Object.keys(search)) if (!SEARCH_FIELDS.has(name)) return unknownName(name, `${at}.google_search`);
  if (hasFunctions && !gemini3) return "Tool use with function calling is unsupported by the model.";
  return undefined;
}

function toolsOf(tools: unknown, gemini3: boolean): { functions: Array<{ name: string; schema: unknown }>; googleSearch: boolean } | string {
  if (tools === undefined) return { functions: [], googleSearch: false };
  if (!Array.isArray(tools)) return "Invalid value at 'tools': expected a list";
  const functions = functionsOf(tools);
  if (typeof functions === "string") return functions;
  let googleSearch = false;
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isObject(tool)) return `Invalid value at 'tools[${i}]'`;
    for (const name of Object.keys(tool)) if (!TOOL_KINDS.has(name)) return unknownName(name, `tools[${i}]`);
    const problem = searchToolError(tool, `tools[${i}]`, gemini3, functions.length > 0);
    if (problem) return problem;
    if (tool.googleSearch !== undefined || tool.google_search !== undefined) googleSearch = true;
  }
  return { functions, googleSearch };
}

function functionsOf(tools: unknown[]): Array<{ name: string; schema: unknown }> | string {
  const out: Array<{ name: string; schema: unknown }> = [];
  for (const tool of tools) {
    const declarations = isObject(tool) ? tool.functionDeclarations : undefined;
    if (!Array.isArray(declarations)) continue;
    for (const d of declarations as Json[]) {
      if (typeof d.name !== "string" || !FUNCTION_NAME.test(d.name)) return `* GenerateContentRequest.tools[0].function_declarations: Invalid function name ${String(d.name)}.`;
      if (d.parameters !== undefined && d.parametersJsonSchema !== undefined) return "parameters and parametersJsonSchema are mutually exclusive.";
      out.push({ name: d.name, schema: d.parametersJsonSchema ?? d.parameters });
    }
  }
  return out;
}

function toolConfigError(toolConfig: unknown, names: string[]): string | undefined {
  if (toolConfig === undefined) return undefined;
  const config = isObject(toolConfig) && isObject(toolConfig.functionCallingConfig) ? toolConfig.functionCallingConfig : undefined;
  if (!config || !MODES.has(String(config.mode ?? "AUTO"))) return "Invalid value at 'tool_config.function_calling_config.mode'";
  const allowed = config.allowedFunctionNames;
  if (allowed === undefined) return undefined;
  if (config.mode !== "ANY" && config.mode !== "VALIDATED") return "* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: only allowed when mode is ANY or VALIDATED.";
  if (!Array.isArray(allowed) || allowed.some((n) => !names.includes(String(n)))) return "* GenerateContentRequest.tool_config.function_calling_config.allowed_function_names: names must match function declarations.";
  return undefined;
}

export function readGenerate(body: unknown, model: string, issued: ReadonlySet<string>): GenerateRequest | { error: string } {
  if (!isObject(body)) return { error: "Invalid JSON payload received. Expected an object." };
  for (const name of Object.keys(body)) if (!TOP_LEVEL.has(name)) return { error: unknownName(name) };
  const gemini3 = /^gemini-([3-9]|\d\d)/.test(model);
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const tools = toolsOf(body.tools, gemini3);
  if (typeof tools === "string") return { error: tools };
  const { functions, googleSearch } = tools;
  const problem =
    generationError(config, gemini3) ??
    toolConfigError(body.toolConfig, functions.map((f) => f.name)) ??
    (body.systemInstruction !== undefined && !(isObject(body.systemInstruction) && Array.isArray(body.systemInstruction.parts)) ? "Invalid value at 'system_instruction'" : undefined) ??
    contentsError(body.contents, gemini3, issued);
  if (problem) return { error: problem };
  const thinking = isObject(config.thinkingConfig) ? config.thinkingConfig : {};
  return {
    model,
    contents: body.contents as Json[],
    systemInstruction: isObject(body.systemInstruction) ? body.systemInstruction : undefined,
    functions,
    googleSearch,
    includeThoughts: thinking.includeThoughts === true,
    json: config.responseMimeType === "application/json",
    schema: config.responseJsonSchema ?? config.responseSchema,
    maxOutputTokens: typeof config.maxOutputTokens === "number" ? config.maxOutputTokens : undefined,
    candidateCount: typeof config.candidateCount === "number" && config.candidateCount > 1 ? Math.min(config.candidateCount, 8) : 1,
  };
}
