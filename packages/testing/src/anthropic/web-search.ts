// The web search part of a mocked Message, shaped like the API's answers
// (https://platform.claude.com/docs/en/agents-and-tools/tool-use/web-search-tool): a short text
// announcing the search, per query a server_tool_use block (input {query}) and its
// web_search_tool_result (results with encrypted_content and page_age, or an error), then the
// answer as text blocks, the cited ones carrying web_search_result_location citations (url,
// title, encrypted_index, cited_text). Searches beyond the tool's max_uses fail with
// max_uses_exceeded; failed searches are not counted in usage.server_tool_use.web_search_requests.
import { tokenize } from "../mock-reply.ts";
import type { AnthropicWebResult, AnthropicWebSearch } from "./types.ts";
import type { Json } from "./validate-blocks.ts";
import type { WebSearchToolSpec } from "./validate-server-tools.ts";

export type SearchBlock =
  | { type: "text"; text: string; pieces: string[]; citations?: Json[] }
  | { type: "server_tool_use"; id: string; name: "web_search"; input: { query: string }; pieces: string[] }
  | { type: "web_search_tool_result"; toolUseId: string; content: Json[] | Json; pieces: string[] };

export interface SearchPlan {
  blocks: SearchBlock[];
  /** Searches made (billed). */
  requests: number;
  /** Input tokens the results add to the prompt. */
  resultTokens: number;
  outputTokens: number;
}

const DEFAULT_RESULTS: AnthropicWebResult[] = [
  { url: "https://example.com/mock-source-one", title: "Mock source one" },
  { url: "https://example.org/mock-source-two", title: "Mock source two" },
];
const TOKENS_PER_RESULT = 400;
export const SEARCH_INTRO = "I'll search the web for that.";

const encrypted = (value: string): string => Buffer.from(`mock-encrypted:${value}`).toString("base64");
const snippet = (result: AnthropicWebResult): string => `${result.title}: the page text the answer relies on.`;

function defaultAnswer(results: AnthropicWebResult[]): Array<{ text: string; cite?: number[] }> {
  const answer: Array<{ text: string; cite?: number[] }> = [{ text: "Based on the search results, " }, { text: "the first source reports the answer", cite: [0] }];
  if (results.length > 1) answer.push({ text: ", and " }, { text: "a second source confirms it", cite: [1] });
  answer.push({ text: "." });
  return answer;
}

export function planSearch(spec: WebSearchToolSpec, behaviour: AnthropicWebSearch | undefined, question: string, text: string | undefined, nextId: (prefix: string) => string): SearchPlan {
  const queries = behaviour?.queries ?? [question || "web search"];
  const results = behaviour?.results ?? DEFAULT_RESULTS;
  const blocks: SearchBlock[] = [{ type: "text", text: SEARCH_INTRO, pieces: tokenize(SEARCH_INTRO) }];
  let requests = 0;
  queries.forEach((query, i) => {
    const id = nextId("srvtoolu");
    blocks.push({ type: "server_tool_use", id, name: "web_search", input: { query }, pieces: [JSON.stringify({ query })] });
    const over = spec.maxUses !== undefined && i >= spec.maxUses;
    if (!over && behaviour?.errorCode === undefined) requests++;
    const errorCode = over ? "max_uses_exceeded" : behaviour?.errorCode;
    const content = errorCode
      ? { type: "web_search_tool_result_error", error_code: errorCode }
      : results.map((r) => ({ type: "web_search_result", url: r.url, title: r.title, encrypted_content: encrypted(r.url), page_age: r.pageAge === undefined ? "April 30, 2025" : r.pageAge }));
    blocks.push({ type: "web_search_tool_result", toolUseId: id, content, pieces: [] });
  });
  const answer = text !== undefined ? [{ text }] : (behaviour?.answer ?? defaultAnswer(results));
  let outputTokens = tokenize(SEARCH_INTRO).length + queries.length * 8;
  for (const part of answer) {
    const pieces = tokenize(part.text);
    outputTokens += pieces.length;
    const cited = (part.cite ?? []).map((n) => results[n]).filter((r): r is AnthropicWebResult => r !== undefined);
    const citations = cited.map((r) => ({ type: "web_search_result_location", url: r.url, title: r.title, encrypted_index: encrypted(`${r.url}#index`), cited_text: snippet(r) }));
    blocks.push({ type: "text", text: part.text, pieces, ...(citations.length > 0 ? { citations } : {}) });
  }
  const failed = behaviour?.errorCode !== undefined;
  return { blocks, requests, resultTokens: failed ? 0 : requests * results.length * TOKENS_PER_RESULT, outputTokens };
}
