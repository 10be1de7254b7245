// An Anthropic Message → an OpenAI chat.completion: text blocks join into `content`, thinking
// into `reasoning_content` (with `reasoning_details` carrying the signatures needed to send the
// turn back), tool_use blocks into `tool_calls`. With web search, the answer is several text
// blocks, some carrying citations: each cited page becomes a url_citation annotation over its
// block's text. server_tool_use / web_search_tool_result blocks (the searches and their results)
// have no OpenAI counterpart and are left out.
import { codePoints, urlCitation, type UrlCitation } from "../citations.ts";
import { finishReason } from "./finish.ts";
import { isObject, type Json } from "./json.ts";
import { openAIUsage } from "./usage.ts";
import { citedSources } from "./web-search.ts";

export const REASONING_FORMAT = "anthropic-claude-v1";

export function toCompletion(message: unknown): Json {
  const m = isObject(message) ? message : {};
  let text = "";
  let reasoning = "";
  const details: Json[] = [];
  const toolCalls: Json[] = [];
  const annotations: UrlCitation[] = [];
  let points = 0;
  for (const block of Array.isArray(m.content) ? m.content : []) {
    if (!isObject(block)) continue;
    if (block.type === "text" && typeof block.text === "string") {
      const start = points;
      text += block.text;
      points += codePoints(block.text);
      for (const source of citedSources(block.citations)) annotations.push(urlCitation(source.url, source.title, start, points));
    } else if (block.type === "thinking" && typeof block.thinking === "string") {
      reasoning += block.thinking;
      details.push({ type: "reasoning.text", text: block.thinking, signature: block.signature, format: REASONING_FORMAT, index: details.length });
    } else if (block.type === "redacted_thinking") {
      details.push({ type: "reasoning.encrypted", data: block.data, format: REASONING_FORMAT, index: details.length });
    } else if (block.type === "tool_use") {
      toolCalls.push({ id: block.id, type: "function", function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } });
    }
  }
  const choiceMessage: Json = {
    role: "assistant",
    content: text === "" && toolCalls.length > 0 ? null : text,
    refusal: null,
    ...(reasoning ? { reasoning_content: reasoning } : {}),
    ...(details.length > 0 ? { reasoning_details: details } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    ...(annotations.length > 0 ? { annotations } : {}),
  };
  return {
    id: m.id,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: m.model,
    choices: [{ index: 0, message: choiceMessage, logprobs: null, finish_reason: finishReason(m.stop_reason) }],
    usage: openAIUsage(m.usage),
  };
}
