// Chat `tools`, `tool_choice` and `response_format` → their Responses forms. Function tools are
// flattened ({type, name, description, parameters, strict}); `strict` is sent explicitly because
// Responses functions are strict by default while chat functions are not (OpenAI's "Migrate to
// the Responses API" guide). response_format moves to `text.format` (ResponseFormatTextConfig).
import { InputError } from "./input.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function toTools(tools: unknown): Json[] {
  if (!Array.isArray(tools)) throw new InputError("tools", "tools must be an array.");
  return tools.map((tool, i) => {
    const fn = isObject(tool) && isObject(tool.function) ? tool.function : undefined;
    if (!isObject(tool) || tool.type !== "function" || !fn) {
      throw new InputError(`tools[${i}].type`, "Only function tools can be sent to the Responses API.");
    }
    return {
      type: "function",
      name: fn.name,
      ...(typeof fn.description === "string" ? { description: fn.description } : {}),
      parameters: isObject(fn.parameters) ? fn.parameters : { type: "object", properties: {} },
      strict: fn.strict === true,
    };
  });
}

const functionRef = (value: unknown): Json | undefined =>
  isObject(value) && value.type === "function" && isObject(value.function) && typeof value.function.name === "string" ? { type: "function", name: value.function.name } : undefined;

export function toToolChoice(choice: unknown): unknown {
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  const named = functionRef(choice);
  if (named) return named;
  if (isObject(choice) && choice.type === "allowed_tools" && isObject(choice.allowed_tools)) {
    const { mode, tools } = choice.allowed_tools;
    const refs = Array.isArray(tools) ? tools.map(functionRef) : [];
    if (refs.length > 0 && refs.every((r) => r !== undefined)) return { type: "allowed_tools", mode, tools: refs };
  }
  throw new InputError("tool_choice", "This tool_choice cannot be sent to the Responses API: use auto, none, required, a function or allowed function tools.");
}

export function toTextFormat(format: unknown): Json {
  if (!isObject(format)) throw new InputError("response_format", "response_format must be an object.");
  if (format.type === "text" || format.type === "json_object") return { type: format.type };
  const spec = isObject(format.json_schema) ? format.json_schema : undefined;
  if (format.type !== "json_schema" || !spec) throw new InputError("response_format.type", "response_format must be text, json_object or json_schema.");
  return {
    type: "json_schema",
    name: spec.name,
    schema: isObject(spec.schema) ? spec.schema : {},
    ...(typeof spec.description === "string" ? { description: spec.description } : {}),
    ...(typeof spec.strict === "boolean" ? { strict: spec.strict } : {}),
  };
}
