// Chat messages → Responses `input` items: system/developer/user/assistant messages keep their
// place as message items; assistant tool calls become `function_call` items and tool results
// `function_call_output` items, correlated by call id. User content parts: text → input_text,
// image_url (URL or data: URL) → input_image, file → input_file. Audio input has no Responses
// equivalent and is refused. (Item shapes: openai-node responses.ts EasyInputMessage,
// ResponseFunctionToolCall, ResponseInputItem.FunctionCallOutput, ResponseInputImage/File.)

type Json = Record<string, unknown>;

export class InputError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
  }
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The text of string or text-part content (refusal parts of assistant history count as text). */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((p) => (isObject(p) ? (typeof p.text === "string" ? p.text : typeof p.refusal === "string" ? p.refusal : "") : "")).join("");
}

function userPart(part: unknown, param: string): Json {
  if (!isObject(part)) throw new InputError(param, "Each content part must be an object.");
  switch (part.type) {
    case "text":
      return { type: "input_text", text: String(part.text ?? "") };
    case "image_url": {
      const image = isObject(part.image_url) ? part.image_url : {};
      if (typeof image.url !== "string") throw new InputError(`${param}.image_url.url`, "An image part needs image_url.url.");
      return { type: "input_image", image_url: image.url, detail: typeof image.detail === "string" ? image.detail : "auto" };
    }
    case "file": {
      const file = isObject(part.file) ? part.file : {};
      const out: Json = { type: "input_file" };
      for (const key of ["file_id", "file_data", "filename"]) if (typeof file[key] === "string") out[key] = file[key];
      return out;
    }
    default:
      throw new InputError(`${param}.type`, `Content parts of type ${JSON.stringify(part.type)} cannot be sent to the Responses API.`);
  }
}

function contentOf(content: unknown, param: string, parts: (part: unknown, param: string) => Json): string | Json[] {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part, j) => parts(part, `${param}[${j}]`));
}

const textPart = (part: unknown, param: string): Json => {
  if (isObject(part) && part.type === "text") return { type: "input_text", text: String(part.text ?? "") };
  throw new InputError(`${param}.type`, "System and developer messages may only contain text parts.");
};

function assistantItems(message: Json, param: string): Json[] {
  const items: Json[] = [];
  const text = textOf(message.content);
  if (text) items.push({ type: "message", role: "assistant", content: text });
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((call, k) => {
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    if (!isObject(call) || call.type !== "function" || !fn) {
      throw new InputError(`${param}.tool_calls[${k}].type`, "Only function tool calls can be sent to the Responses API.");
    }
    items.push({ type: "function_call", call_id: call.id, name: fn.name, arguments: fn.arguments });
  });
  return items;
}

export function toInput(messages: readonly unknown[]): Json[] {
  const items: Json[] = [];
  messages.forEach((raw, i) => {
    const param = `messages[${i}]`;
    const message = isObject(raw) ? raw : {};
    switch (message.role) {
      case "system":
      case "developer":
        items.push({ type: "message", role: message.role, content: contentOf(message.content, `${param}.content`, textPart) });
        break;
      case "user":
        items.push({ type: "message", role: "user", content: contentOf(message.content, `${param}.content`, userPart) });
        break;
      case "assistant":
        items.push(...assistantItems(message, param));
        break;
      case "tool":
        items.push({ type: "function_call_output", call_id: message.tool_call_id, output: textOf(message.content) });
        break;
      default:
        throw new InputError(`${param}.role`, `Messages with role ${JSON.stringify(message.role)} cannot be sent to the Responses API; use tool messages.`);
    }
  });
  return items;
}
