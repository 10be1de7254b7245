// OpenAI messages → Anthropic `system` and `messages`. System and developer messages become
// system text blocks (in order); tool messages become user turns of tool_result blocks;
// consecutive turns of one role are merged so user and assistant alternate, with tool results
// first in their user turn (Anthropic requires them before any other content there). Thinking
// blocks come back from `reasoning_details` (OpenRouter's shape, which this adapter returns) so
// tool loops with extended thinking keep their signatures.
import { textBlocks, userBlocks } from "./content.ts";
import { isObject, type Json, Unsupported } from "./json.ts";

export interface Turn {
  role: "user" | "assistant";
  content: Json[];
}

export function convertMessages(messages: unknown[]): { system: Json[]; turns: Turn[] } {
  const system: Json[] = [];
  const turns: Turn[] = [];
  messages.forEach((message, i) => {
    const path = `messages[${i}]`;
    if (!isObject(message)) throw new Unsupported(path, "Messages must be objects.");
    switch (message.role) {
      case "system":
      case "developer":
        system.push(...textBlocks(message.content, `${path}.content`));
        break;
      case "user":
        push(turns, "user", userBlocks(message.content, `${path}.content`));
        break;
      case "assistant":
        push(turns, "assistant", assistantBlocks(message, path));
        break;
      case "tool":
        push(turns, "user", [toolResult(message, path)]);
        break;
      default:
        throw new Unsupported(`${path}.role`, `Messages with role "${String(message.role)}" cannot be sent to Anthropic; use tools and tool messages.`);
    }
  });
  if (turns.length === 0) throw new Unsupported("messages", "Anthropic needs at least one user or assistant message besides system messages.");
  for (const turn of turns) if (turn.role === "user") turn.content.sort((a, b) => Number(b.type === "tool_result") - Number(a.type === "tool_result"));
  return { system, turns };
}

function push(turns: Turn[], role: Turn["role"], blocks: Json[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === role) last.content.push(...blocks);
  else turns.push({ role, content: blocks });
}

function assistantBlocks(message: Json, path: string): Json[] {
  const blocks = [...thinkingBlocks(message.reasoning_details), ...textBlocks(message.content ?? "", `${path}.content`)];
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((call: unknown, j) => {
    const at = `${path}.tool_calls[${j}]`;
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    if (!isObject(call) || !fn || typeof fn.name !== "string" || typeof call.id !== "string") throw new Unsupported(at, "Tool calls need an id and a function name.");
    blocks.push({ type: "tool_use", id: call.id, name: fn.name, input: toolInput(fn.arguments, `${at}.function.arguments`) });
  });
  return blocks;
}

function toolInput(args: unknown, at: string): Json {
  if (args === undefined || args === null || args === "") return {};
  let parsed: unknown;
  try {
    parsed = typeof args === "string" ? JSON.parse(args) : args;
  } catch {
    throw new Unsupported(at, "Tool call arguments must be valid JSON to send them to Anthropic.");
  }
  if (!isObject(parsed)) throw new Unsupported(at, "Tool call arguments must be a JSON object for Anthropic.");
  return parsed;
}

function toolResult(message: Json, path: string): Json {
  if (typeof message.tool_call_id !== "string") throw new Unsupported(`${path}.tool_call_id`, "Tool messages need a tool_call_id.");
  const content = userBlocks(message.content, `${path}.content`);
  return { type: "tool_result", tool_use_id: message.tool_call_id, ...(content.length > 0 ? { content } : {}) };
}

/** reasoning_details entries from an earlier answer → thinking / redacted_thinking blocks. */
function thinkingBlocks(details: unknown): Json[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown): Json[] => {
    if (!isObject(d)) return [];
    if (d.type === "reasoning.text" && typeof d.signature === "string" && d.signature) return [{ type: "thinking", thinking: typeof d.text === "string" ? d.text : "", signature: d.signature }];
    if (d.type === "reasoning.encrypted" && typeof d.data === "string") return [{ type: "redacted_thinking", data: d.data }];
    return [];
  });
}
