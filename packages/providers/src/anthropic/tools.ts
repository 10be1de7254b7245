// OpenAI tools, tool_choice and parallel_tool_calls → Anthropic tools and tool_choice
// (auto / any / tool / none, with disable_parallel_tool_use). A function's `strict` is kept:
// Anthropic's strict tool use validates inputs against the schema. A server tool (web search,
// from web_search_options) is appended to the function tools; alone, it needs no tool_choice.
import { isObject, type Json, Unsupported } from "./json.ts";

export function convertTools(body: Json, serverTool?: Json): { tools?: Json[]; tool_choice?: Json } {
  const tools = Array.isArray(body.tools) ? body.tools.map(convertTool) : [];
  if (tools.length === 0) return serverTool ? { tools: [serverTool] } : {};
  const choice = toolChoice(body.tool_choice);
  if (body.parallel_tool_calls === false && choice.type !== "none") choice.disable_parallel_tool_use = true;
  return { tools: serverTool ? [...tools, serverTool] : tools, tool_choice: choice };
}

function convertTool(tool: unknown, i: number): Json {
  const fn = isObject(tool) && tool.type === "function" && isObject(tool.function) ? tool.function : undefined;
  if (!fn || typeof fn.name !== "string") throw new Unsupported(`tools[${i}]`, "Only function tools can be sent to Anthropic's Messages API.");
  return {
    name: fn.name,
    ...(typeof fn.description === "string" ? { description: fn.description } : {}),
    input_schema: isObject(fn.parameters) ? fn.parameters : { type: "object", properties: {} },
    ...(fn.strict === true ? { strict: true } : {}),
  };
}

function toolChoice(choice: unknown): Json {
  if (choice === undefined || choice === null || choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any" };
  if (isObject(choice) && choice.type === "function" && isObject(choice.function) && typeof choice.function.name === "string") {
    return { type: "tool", name: choice.function.name };
  }
  throw new Unsupported("tool_choice", "tool_choice must be none, auto, required or a named function for Anthropic.");
}
