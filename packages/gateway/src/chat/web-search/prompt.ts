// The system message that hands the search results to the model, and where it goes: right after
// the client's own leading system (or developer) messages, else first. Its format:
//
//   A web search was conducted on 2026-11-23. Incorporate the following web search results into
//   your response. Cite each result you use by its number in square brackets, such as [1], right
//   after the statement it supports.
//
//   [1] <title>
//   URL: <url>
//   Published: <date>            (when the provider gives one)
//   <snippet>
//
//   [2] …
//
// The plugin's `search_prompt` replaces the first paragraph (OpenRouter's meaning of it); the
// numbered results follow unchanged. With no results the message says that the search found none.
import type { SearchResult } from "@switchyard/websearch";
import type { ChatRequest } from "../schema.ts";

/** A long snippet (Exa's page text) is cut to this many characters. */
export const MAX_SNIPPET_CHARS = 2000;

export function defaultSearchPrompt(at: Date): string {
  return (
    `A web search was conducted on ${at.toISOString().slice(0, 10)}. Incorporate the following web search results into your response. ` +
    "Cite each result you use by its number in square brackets, such as [1], right after the statement it supports."
  );
}

function snippet(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_SNIPPET_CHARS ? `${trimmed.slice(0, MAX_SNIPPET_CHARS)}…` : trimmed;
}

export function resultsMessage(results: readonly SearchResult[], searchPrompt: string | undefined, at: Date): { role: "system"; content: string } {
  const head = searchPrompt ?? defaultSearchPrompt(at);
  if (results.length === 0) return { role: "system", content: `${head}\n\nThe web search found no results.` };
  const sources = results.map((r, i) =>
    [`[${i + 1}] ${r.title.trim() || r.url}`, `URL: ${r.url}`, ...(r.publishedDate ? [`Published: ${r.publishedDate}`] : []), ...(r.snippet.trim() ? [snippet(r.snippet)] : [])].join("\n"),
  );
  return { role: "system", content: `${head}\n\n${sources.join("\n\n")}` };
}

/** The messages with `message` inserted after the leading system/developer messages. */
export function withResultsMessage(messages: ChatRequest["messages"], message: { role: "system"; content: string }): ChatRequest["messages"] {
  let at = 0;
  while (at < messages.length && (messages[at]!.role === "system" || messages[at]!.role === "developer")) at++;
  return [...messages.slice(0, at), message, ...messages.slice(at)];
}
