// OpenAI's search models in the chat mock (https://platform.openai.com/docs/guides/tools-web-search?api-mode=chat):
// gpt-4o-search-preview and the like search before every answer and cite their sources in the
// text as Markdown links, each covered by a url_citation annotation (url with
// ?utm_source=openai, the page title, start/end index into the content). Other models refuse
// `web_search_options` with a 400. Streamed, the annotations come in one chunk of their own
// (`delta.annotations`) right before the finish chunk.
import type { MockCitation } from "./mock-types.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const CONTEXT_SIZES = new Set(["low", "medium", "high"]);

export interface UrlCitation {
  type: "url_citation";
  url_citation: { end_index: number; start_index: number; title: string; url: string };
}

/** Search models: their ids carry "-search" (gpt-4o-search-preview, gpt-4o-mini-search-preview, gpt-5-search-api). */
export function isSearchModel(model: string): boolean {
  return /-search(-|$)/.test(model);
}

/** A 400 `{param, message}` when `web_search_options` is malformed; undefined when fine or absent. */
export function webSearchOptionsError(value: unknown): { param: string; message: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return { param: "web_search_options", message: "Invalid type for 'web_search_options': expected an object, but got a value of another type instead." };
  for (const key of Object.keys(value)) {
    if (key !== "search_context_size" && key !== "user_location") return { param: `web_search_options.${key}`, message: `Unknown parameter: 'web_search_options.${key}'.` };
  }
  const size = value.search_context_size;
  if (size !== undefined && !CONTEXT_SIZES.has(size as string)) {
    return { param: "web_search_options.search_context_size", message: `Invalid value: '${String(size)}'. Supported values are: 'low', 'medium', and 'high'.` };
  }
  const location = value.user_location;
  if (location !== undefined && location !== null && (!isObject(location) || location.type !== "approximate" || !isObject(location.approximate))) {
    return { param: "web_search_options.user_location", message: "Invalid 'web_search_options.user_location': expected {type: 'approximate', approximate: {...}}." };
  }
  return undefined;
}

const DEFAULT_SOURCE = { url: "https://example.com/mock-source-one?utm_source=openai", title: "Mock source one" };

/** The default answer of a search model: a sentence citing one source as a Markdown link. */
export function searchAnswer(model: string): { content: string; citations: MockCitation[] } {
  const link = `[example.com](${DEFAULT_SOURCE.url})`;
  return { content: `Hello from mock upstream (model ${model}), according to the web (${link}).`, citations: [{ ...DEFAULT_SOURCE, text: link }] };
}

/** Each citation covers the first occurrence of its text in the content (skipped when absent). */
export function annotationsFor(content: string, citations: MockCitation[]): UrlCitation[] {
  const out: UrlCitation[] = [];
  for (const citation of citations) {
    const at = content.indexOf(citation.text);
    if (at === -1) continue;
    out.push({ type: "url_citation", url_citation: { end_index: at + citation.text.length, start_index: at, title: citation.title, url: citation.url } });
  }
  return out;
}
