// OpenAI tools, tool_choice and response_format json_object → Converse `toolConfig`
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolConfiguration.html):
// tools[].toolSpec {name, description, inputSchema: {json}, strict}; toolChoice auto | any | tool.
//
// Converse has no "none" choice: tool_choice "none" sends no tools, which Converse accepts only
// while the conversation holds no toolUse/toolResult blocks (else a 400 naming tool_choice).
// json_object has no Converse equivalent either: it is served by forcing one tool whose input
// schema is any object (Anthropic's documented JSON technique); the adapter returns that tool's
// input as the message content. Its name is JSON_TOOL.
import { InvalidParam } from "./invalid.ts";
import type { Block } from "./messages.ts";

export const JSON_TOOL = "json_response";

interface OpenAITool {
  type: string;
  function?: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
}

export function toolConfig(body: Record<string, unknown>, hasToolBlocks: boolean): { toolConfig?: Block; jsonTool: boolean } {
  const tools = (body.tools as OpenAITool[] | undefined) ?? [];
  const choice = body.tool_choice;
  const format = (body.response_format as { type?: string } | undefined)?.type;
  if (format === "json_object") {
    if (tools.length > 0) throw new InvalidParam("response_format", "Bedrock cannot combine response_format json_object with tools; use json_schema.");
    return { toolConfig: { tools: [jsonToolSpec()], toolChoice: { tool: { name: JSON_TOOL } } }, jsonTool: true };
  }
  if (tools.length === 0) return { jsonTool: false };
  if (choice === "none") {
    if (hasToolBlocks) throw new InvalidParam("tool_choice", 'Bedrock has no tool_choice "none" for a conversation that already holds tool calls; use "auto".');
    return { jsonTool: false };
  }
  const specs = tools.map((tool, i) => {
    if (tool.type !== "function" || !tool.function) throw new InvalidParam(`tools[${i}].type`, `Bedrock accepts function tools only, not "${tool.type}".`);
    const { name, description, parameters, strict } = tool.function;
    return { toolSpec: { name, ...(description ? { description } : {}), inputSchema: { json: parameters ?? { type: "object", properties: {} } }, ...(strict === true ? { strict: true } : {}) } };
  });
  return { toolConfig: { tools: specs, ...toolChoice(choice) }, jsonTool: false };
}

function toolChoice(choice: unknown): Block {
  if (choice === undefined || choice === "auto") return choice === undefined ? {} : { toolChoice: { auto: {} } };
  if (choice === "required") return { toolChoice: { any: {} } };
  const name = (choice as { function?: { name?: unknown } }).function?.name;
  if (typeof name === "string") return { toolChoice: { tool: { name } } };
  throw new InvalidParam("tool_choice", "Bedrock accepts tool_choice auto, none, required or a named function.");
}

function jsonToolSpec(): Block {
  return {
    toolSpec: {
      name: JSON_TOOL,
      description: "Respond with the answer as a JSON object.",
      inputSchema: { json: { type: "object", additionalProperties: true } },
    },
  };
}
