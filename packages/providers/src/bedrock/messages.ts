// OpenAI chat messages → Converse `system` and `messages`
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html):
// system and developer messages become system text blocks; user, assistant and tool messages
// become content blocks (text, image {format, source.bytes base64}, toolUse, toolResult), and
// consecutive messages of one role merge, since Converse alternates user and assistant turns.
// An assistant message's reasoning_details (as response.ts returns them) become reasoningContent
// blocks again, so Claude's tool loops with thinking keep their signatures.
import { InvalidParam } from "./invalid.ts";

export type Block = Record<string, unknown>;
export interface ConverseMessage {
  role: "user" | "assistant";
  content: Block[];
}

type Part = Record<string, unknown> & { type?: unknown };

export const REASONING_FORMAT = "anthropic-claude-v1";

const IMAGE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp);base64,(.+)$/s;

export function translateMessages(messages: readonly Record<string, unknown>[]): { system: Block[]; messages: ConverseMessage[] } {
  const system: Block[] = [];
  const out: ConverseMessage[] = [];
  const push = (role: ConverseMessage["role"], content: Block[]) => {
    if (content.length === 0) return;
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  };
  messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    switch (message.role) {
      case "system":
      case "developer":
        system.push(...textBlocks(message.content, `${at}.content`));
        return;
      case "user":
        push("user", userBlocks(message.content, `${at}.content`));
        return;
      case "assistant":
        push("assistant", [...reasoningBlocks(message.reasoning_details), ...textBlocks(message.content ?? null, `${at}.content`), ...toolUses(message.tool_calls, `${at}.tool_calls`)]);
        return;
      case "tool":
        push("user", [{ toolResult: { toolUseId: String(message.tool_call_id), content: [{ text: flatText(message.content, `${at}.content`) }] } }]);
        return;
      default:
        throw new InvalidParam(`${at}.role`, `Bedrock does not accept messages with role "${String(message.role)}"; use tool messages for tool results.`);
    }
  });
  return { system, messages: out };
}

/** Whether any message carries toolUse or toolResult blocks (Converse then requires toolConfig). */
export function hasToolBlocks(messages: readonly ConverseMessage[]): boolean {
  return messages.some((m) => m.content.some((b) => "toolUse" in b || "toolResult" in b));
}

function textBlocks(content: unknown, param: string): Block[] {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return content === "" ? [] : [{ text: content }];
  return (content as Part[]).flatMap((part, j) => textPart(part, `${param}[${j}]`));
}

function textPart(part: Part, param: string): Block[] {
  if (part.type !== "text" && part.type !== "refusal") throw new InvalidParam(`${param}.type`, `Only text content is accepted here, not "${String(part.type)}".`);
  const text = String(part.type === "text" ? part.text : part.refusal);
  return text === "" ? [] : [{ text }];
}

function flatText(content: unknown, param: string): string {
  return textBlocks(content, param)
    .map((b) => b.text as string)
    .join("");
}

function userBlocks(content: unknown, param: string): Block[] {
  if (typeof content === "string") return textBlocks(content, param);
  return (content as Part[]).flatMap((part, j) => (part.type === "image_url" ? [imageBlock(part.image_url, `${param}[${j}].image_url`)] : textPart(part, `${param}[${j}]`)));
}

function imageBlock(image: unknown, param: string): Block {
  const url = typeof image === "string" ? image : (image as { url?: unknown } | undefined)?.url;
  const match = typeof url === "string" ? IMAGE_DATA_URL.exec(url) : null;
  if (!match) {
    throw new InvalidParam(param, "Bedrock takes images as base64 data URLs only (data:image/png|jpeg|gif|webp;base64,…), not by http(s) URL.");
  }
  const format = match[1] === "jpg" ? "jpeg" : match[1]!;
  return { image: { format, source: { bytes: match[2]!.replace(/\s+/g, "") } } };
}

function reasoningBlocks(details: unknown): Block[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: Record<string, unknown>): Block[] => {
    if (d?.type === "reasoning.text" && typeof d.signature === "string" && d.signature) {
      return [{ reasoningContent: { reasoningText: { text: typeof d.text === "string" ? d.text : "", signature: d.signature } } }];
    }
    if (d?.type === "reasoning.encrypted" && typeof d.data === "string") return [{ reasoningContent: { redactedContent: d.data } }];
    return [];
  });
}

function toolUses(calls: unknown, param: string): Block[] {
  if (!Array.isArray(calls)) return [];
  return calls.map((call: { id: string; function: { name: string; arguments: string } }, k) => {
    let input: unknown;
    try {
      input = call.function.arguments.trim() === "" ? {} : JSON.parse(call.function.arguments);
    } catch {
      input = undefined;
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      throw new InvalidParam(`${param}[${k}].function.arguments`, "Tool call arguments must be a JSON object for Bedrock.");
    }
    return { toolUse: { toolUseId: call.id, name: call.function.name, input } };
  });
}
