// Validates the `input` items of a Responses request (openai-node ResponseInputItem): messages
// (roles user/assistant/system/developer; input_text/input_image/input_file parts, output_text
// and refusal parts for assistant history), function_call and function_call_output items. A
// function_call_output must answer a function_call earlier in the same input ("No tool call
// found for function call output with call_id …", as the API answers without stored state).
import { invalidValue, isObject, missing, RequestError } from "./request-errors.ts";

const ROLES = ["user", "assistant", "system", "developer"];
const ITEM_TYPES = ["message", "function_call", "function_call_output", "reasoning"];

function checkPart(part: unknown, role: string, param: string): void {
  if (!isObject(part)) throw new RequestError(`Invalid type for '${param}': expected an object.`, param, "invalid_type");
  const allowed = role === "assistant" ? ["output_text", "refusal"] : role === "user" ? ["input_text", "input_image", "input_file"] : ["input_text"];
  if (!allowed.includes(String(part.type))) throw invalidValue(`${param}.type`, part.type, allowed);
  if ((part.type === "input_text" || part.type === "output_text") && typeof part.text !== "string") throw missing(`${param}.text`);
  if (part.type === "input_image") {
    if (typeof part.image_url !== "string" && typeof part.file_id !== "string") throw missing(`${param}.image_url`);
    if (part.detail !== undefined && !["low", "high", "auto", "original"].includes(String(part.detail))) throw invalidValue(`${param}.detail`, part.detail, ["low", "high", "auto"]);
    if (typeof part.image_url === "string" && !/^(https?:|data:image\/[a-z+.-]+;base64,)/.test(part.image_url)) {
      throw new RequestError(`Invalid '${param}.image_url'. Expected a valid URL, but got a value with an invalid format.`, `${param}.image_url`, "invalid_value");
    }
  }
}

function checkMessage(item: Record<string, unknown>, param: string): void {
  if (!ROLES.includes(String(item.role))) throw invalidValue(`${param}.role`, item.role, ROLES);
  if (typeof item.content === "string") return;
  if (!Array.isArray(item.content)) throw missing(`${param}.content`);
  item.content.forEach((part, j) => checkPart(part, String(item.role), `${param}.content[${j}]`));
}

export function validateItems(input: unknown[]): void {
  const calls = new Set<string>();
  input.forEach((item, i) => {
    const param = `input[${i}]`;
    if (!isObject(item)) throw new RequestError(`Invalid type for '${param}': expected an object.`, param, "invalid_type");
    const type = item.type ?? "message";
    if (!ITEM_TYPES.includes(String(type))) throw invalidValue(`${param}.type`, type, ITEM_TYPES);
    if (type === "message") return checkMessage(item, param);
    if (type === "function_call") {
      for (const field of ["call_id", "name", "arguments"]) if (typeof item[field] !== "string") throw missing(`${param}.${field}`);
      calls.add(item.call_id as string);
    }
    if (type === "function_call_output") {
      if (typeof item.call_id !== "string") throw missing(`${param}.call_id`);
      if (typeof item.output !== "string" && !Array.isArray(item.output)) throw missing(`${param}.output`);
      if (!calls.has(item.call_id)) throw new RequestError(`No tool call found for function call output with call_id ${item.call_id}.`, "input", null);
    }
  });
}
