// What engine "switchyard" searches for: the text of the conversation's latest user message
// (string content, or its text parts joined by a space), whitespace collapsed. A longer text keeps
// its last MAX_QUERY_CHARS characters: the question usually ends the message.
import { SwitchyardError } from "@switchyard/core";
import { MAX_QUERY_CHARS } from "../../web/schema.ts";
import type { ChatRequest } from "../schema.ts";

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: unknown; text?: unknown }) => (part?.type === "text" && typeof part.text === "string" ? part.text : ""))
    .filter((text) => text !== "")
    .join(" ");
}

export function searchQuery(messages: ChatRequest["messages"]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role !== "user") continue;
    const text = textOf(message.content).replace(/\s+/g, " ").trim();
    if (text === "") break;
    return text.length > MAX_QUERY_CHARS ? text.slice(-MAX_QUERY_CHARS).trimStart() : text;
  }
  throw new SwitchyardError("invalid_request", "Web search needs a question to search for: the last user message must contain text.", { param: "messages" });
}
