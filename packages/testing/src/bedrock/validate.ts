// What Bedrock checks in a Converse / ConverseStream body before running a model, with the
// ValidationException messages it answers (Converse API reference: Message, ContentBlock,
// ToolConfiguration, InferenceConfiguration, OutputConfig). Returns the problem, or null.

type Obj = Record<string, unknown>;

const TOP_LEVEL = new Set([
  "messages", "system", "inferenceConfig", "toolConfig", "guardrailConfig", "additionalModelRequestFields",
  "additionalModelResponseFieldPaths", "promptVariables", "requestMetadata", "performanceConfig", "serviceTier", "outputConfig",
]);
const BLOCKS = new Set(["text", "image", "document", "video", "toolUse", "toolResult", "guardContent", "reasoningContent", "cachePoint"]);
const IMAGE_FORMATS = new Set(["png", "jpeg", "gif", "webp"]);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function converseProblem(body: unknown): string | null {
  if (!isObj(body)) return "Malformed input request, please reformat your input and try again.";
  for (const key of Object.keys(body)) if (!TOP_LEVEL.has(key)) return `Malformed input request: extraneous key [${key}] is not permitted.`;
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return "The messages field is required and must contain at least one message.";
  if (!isObj(messages[0]) || messages[0].role !== "user") return "A conversation must start with a user message. Try again with a conversation that starts with a user message.";
  let usesTools = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as Obj;
    if (m.role !== "user" && m.role !== "assistant") return `messages.${i}.role: must be user or assistant.`;
    if (i > 0 && (messages[i - 1] as Obj).role === m.role) return "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.";
    if (!Array.isArray(m.content) || m.content.length === 0) return `messages.${i}.content: must contain at least one content block.`;
    for (const [j, block] of (m.content as unknown[]).entries()) {
      const problem = blockProblem(block, `messages.${i}.content.${j}`);
      if (problem) return problem;
      usesTools ||= isObj(block) && ("toolUse" in block || "toolResult" in block);
    }
  }
  if (usesTools && body.toolConfig === undefined) return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
  return systemProblem(body.system) ?? toolConfigProblem(body.toolConfig) ?? inferenceProblem(body.inferenceConfig) ?? outputProblem(body.outputConfig) ?? thinkingProblem(body);
}

function blockProblem(block: unknown, at: string): string | null {
  if (!isObj(block) || Object.keys(block).length !== 1 || !BLOCKS.has(Object.keys(block)[0]!)) return `${at}: a content block must have exactly one member of ${[...BLOCKS].join(", ")}.`;
  if ("text" in block && (typeof block.text !== "string" || block.text.trim() === "")) return `${at}.text: the text field in the ContentBlock object is blank. Add text to the text field, and try again.`;
  if ("image" in block) {
    const image = block.image as Obj;
    if (!IMAGE_FORMATS.has(image?.format as string)) return `${at}.image.format: must be one of png, jpeg, gif, webp.`;
    const bytes = (image.source as Obj | undefined)?.bytes;
    if (typeof bytes !== "string" || !BASE64.test(bytes)) return `${at}.image.source.bytes: must be base64-encoded image bytes.`;
  }
  if ("toolUse" in block) {
    const use = block.toolUse as Obj;
    if (typeof use?.toolUseId !== "string" || typeof use.name !== "string" || !isObj(use.input)) return `${at}.toolUse: toolUseId, name and an object input are required.`;
  }
  if ("toolResult" in block) {
    const result = block.toolResult as Obj;
    if (typeof result?.toolUseId !== "string" || !Array.isArray(result.content)) return `${at}.toolResult: toolUseId and content are required.`;
  }
  return null;
}

function systemProblem(system: unknown): string | null {
  if (system === undefined) return null;
  if (!Array.isArray(system) || system.some((b) => !isObj(b) || (typeof b.text !== "string" && !("cachePoint" in b) && !("guardContent" in b)))) return "system: must be a list of SystemContentBlock objects.";
  return null;
}

function toolConfigProblem(config: unknown): string | null {
  if (config === undefined) return null;
  if (!isObj(config) || !Array.isArray(config.tools) || config.tools.length === 0) return "toolConfig.tools: must contain at least one tool.";
  const names: string[] = [];
  for (const tool of config.tools as unknown[]) {
    const spec = isObj(tool) ? (tool.toolSpec as Obj | undefined) : undefined;
    if (!spec || typeof spec.name !== "string" || !TOOL_NAME.test(spec.name)) return "toolConfig.tools.toolSpec.name: must match [a-zA-Z0-9_-]{1,64}.";
    if (!isObj(spec.inputSchema) || !isObj(spec.inputSchema.json)) return `toolConfig.tools.toolSpec.inputSchema: a JSON schema object is required for ${spec.name}.`;
    names.push(spec.name);
  }
  const choice = config.toolChoice;
  if (choice === undefined) return null;
  if (!isObj(choice) || Object.keys(choice).length !== 1) return "toolConfig.toolChoice: exactly one of auto, any or tool.";
  const named = (choice.tool as Obj | undefined)?.name;
  if ("tool" in choice && (typeof named !== "string" || !names.includes(named))) return `toolConfig.toolChoice.tool.name: no tool named ${String(named)} was defined.`;
  return "auto" in choice || "any" in choice || "tool" in choice ? null : "toolConfig.toolChoice: exactly one of auto, any or tool.";
}

function inferenceProblem(config: unknown): string | null {
  if (config === undefined) return null;
  if (!isObj(config)) return "inferenceConfig: must be an object.";
  const { maxTokens, temperature, topP, stopSequences } = config;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) return "inferenceConfig.maxTokens: must be an integer of at least 1.";
  if (temperature !== undefined && (typeof temperature !== "number" || temperature < 0 || temperature > 1)) return "inferenceConfig.temperature: must be between 0 and 1.";
  if (topP !== undefined && (typeof topP !== "number" || topP < 0 || topP > 1)) return "inferenceConfig.topP: must be between 0 and 1.";
  if (stopSequences !== undefined && (!Array.isArray(stopSequences) || stopSequences.some((s) => typeof s !== "string" || s === ""))) return "inferenceConfig.stopSequences: must be a list of non-empty strings.";
  return null;
}

function outputProblem(config: unknown): string | null {
  if (config === undefined) return null;
  const format = isObj(config) ? (config.textFormat as Obj | undefined) : undefined;
  const schema = ((format?.structure as Obj | undefined)?.jsonSchema as Obj | undefined)?.schema;
  if (format?.type !== "json_schema" || typeof schema !== "string") return "outputConfig.textFormat: type json_schema with structure.jsonSchema.schema (a JSON string) is required.";
  try {
    JSON.parse(schema);
  } catch {
    return "outputConfig.textFormat.structure.jsonSchema.schema: is not valid JSON.";
  }
  return null;
}

/** Claude's thinking passed in additionalModelRequestFields: a budget of at least 1024, below maxTokens. */
function thinkingProblem(body: Obj): string | null {
  const thinking = isObj(body.additionalModelRequestFields) ? (body.additionalModelRequestFields.thinking as Obj | undefined) : undefined;
  if (thinking?.type !== "enabled") return null;
  const budget = thinking.budget_tokens as number;
  const max = (body.inferenceConfig as Obj | undefined)?.maxTokens as number | undefined;
  if (!Number.isInteger(budget) || budget < 1024) return "thinking.budget_tokens: Input should be greater than or equal to 1024";
  if (max === undefined || budget >= max) return "`max_tokens` must be greater than `thinking.budget_tokens`.";
  return null;
}
