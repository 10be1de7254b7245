// OpenAI messages → Gemini `contents` and `systemInstruction`. System and developer messages
// become the system instruction; user and tool messages the "user" role, assistant messages the
// "model" role, consecutive turns of one role merged into one content. Tool results become
// functionResponse parts named after the call they answer (found by tool_call_id); tool calls
// become functionCall parts with their thought signature restored from the call id.
import { SwitchyardError } from "@switchyard/core";
import { userPart } from "./media.ts";
import { signatureOf } from "./tool-ids.ts";
import type { GeminiContent, GeminiPart } from "./wire.ts";

type Json = Record<string, unknown>;

/** Documented value that skips Gemini 3's signature check for calls made elsewhere (another model, an edited history). */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

export interface Conversation {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text of a string or an array of text (and refusal) parts. */
function textOf(content: unknown, param: string): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part, j) => {
      if (isObject(part) && part.type === "text" && typeof part.text === "string") return part.text;
      if (isObject(part) && part.type === "refusal" && typeof part.refusal === "string") return part.refusal;
      throw new SwitchyardError("unsupported_parameter", `Only text parts are allowed in ${param}.`, { param: `${param}[${j}]` });
    })
    .join("");
}

function toolResult(content: unknown, param: string): Record<string, unknown> {
  const text = textOf(content, param);
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : { output: value };
  } catch {
    return { output: text };
  }
}

function modelParts(message: Json, i: number, names: Map<string, string>, signaturesRequired: boolean): GeminiPart[] {
  const text = textOf(message.content, `messages[${i}].content`);
  const parts: GeminiPart[] = text ? [{ text }] : [];
  const calls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : [];
  calls.forEach((call, j) => {
    const fn = isObject(call.function) ? call.function : {};
    const name = String(fn.name);
    const param = `messages[${i}].tool_calls[${j}].function.arguments`;
    let args: unknown;
    try {
      args = JSON.parse(typeof fn.arguments === "string" && fn.arguments.trim() ? fn.arguments : "{}");
    } catch {
      throw new SwitchyardError("invalid_request", `Invalid parameter ${param}: not valid JSON.`, { param });
    }
    if (!isObject(args)) throw new SwitchyardError("invalid_request", `Invalid parameter ${param}: must be a JSON object.`, { param });
    names.set(String(call.id), name);
    const signature = signatureOf(String(call.id)) ?? (signaturesRequired && j === 0 ? SKIP_SIGNATURE : undefined);
    parts.push({ functionCall: { name, args }, ...(signature ? { thoughtSignature: signature } : {}) });
  });
  return parts;
}

export function toConversation(messages: unknown[], signaturesRequired: boolean): Conversation {
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  const names = new Map<string, string>();
  const push = (role: GeminiContent["role"], parts: GeminiPart[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((raw, i) => {
    const message = raw as Json;
    switch (message.role) {
      case "system":
      case "developer":
        system.push({ text: textOf(message.content, `messages[${i}].content`) });
        break;
      case "user":
        push("user", typeof message.content === "string" ? [{ text: message.content }] : (message.content as unknown[]).map((p, j) => userPart(p, `messages[${i}].content[${j}]`)));
        break;
      case "assistant":
        push("model", modelParts(message, i, names, signaturesRequired));
        break;
      case "tool": {
        const name = names.get(String(message.tool_call_id));
        if (!name) {
          throw new SwitchyardError("invalid_request", `messages[${i}].tool_call_id does not match a tool call of an earlier assistant message.`, { param: `messages[${i}].tool_call_id` });
        }
        push("user", [{ functionResponse: { name, response: toolResult(message.content, `messages[${i}].content`) } }]);
        break;
      }
      case "function":
        push("user", [{ functionResponse: { name: String(message.name), response: toolResult(message.content, `messages[${i}].content`) } }]);
        break;
    }
  });
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}
