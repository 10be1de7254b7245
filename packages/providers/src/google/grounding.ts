// Grounding with Google Search: OpenAI's `web_search_options` asks for the `googleSearch` tool, and
// a candidate's groundingMetadata becomes url_citation annotations and a search count.
// https://ai.google.dev/gemini-api/docs/google-search
//
// groundingSupports[].segment.{startIndex, endIndex} are byte offsets into the UTF-8 of the
// candidate's answer text (its non-thought text parts joined: the choice's `content`); each
// support cites groundingChunks[groundingChunkIndices[i]].web.{uri, title}. Annotations count
// code points (see ../citations.ts), so offsets are converted; a support whose offsets do not
// fall on a character boundary inside the text is skipped rather than guessed. The search count is the number of unique
// non-empty webSearchQueries, which is what Google bills per query (Gemini 3); empty queries are
// not billed. The Gemini API's googleSearch takes no location, so user_location and
// search_context_size are accepted and have no effect here.
import { urlCitation, type UrlCitation } from "../citations.ts";
import { parseWebSearchOptions } from "../web-search-options.ts";
import type { GeminiGroundingMetadata } from "./wire.ts";

/** The tool entry for `web_search_options`; undefined when the request did not ask for search. */
export function googleSearchTool(value: unknown): { ok: true; tool: { googleSearch: Record<string, never> } | undefined } | { ok: false; param: string; message: string } {
  const parsed = parseWebSearchOptions(value);
  if (!parsed.ok) return parsed;
  return { ok: true, tool: parsed.options ? { googleSearch: {} } : undefined };
}

/** UTF-8 byte offset → code point offset in `text`; undefined past the end or inside a character. */
export function byteOffsetToCodePoint(text: string, bytes: number): number | undefined {
  let seen = 0;
  let points = 0;
  for (let i = 0; i <= text.length; i++, points++) {
    if (seen === bytes) return points;
    if (seen > bytes || i === text.length) return undefined;
    const code = text.codePointAt(i)!;
    seen += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  return undefined;
}

/** The url_citation annotations of one candidate's grounding over its answer `text`. */
export function groundingAnnotations(metadata: GeminiGroundingMetadata | undefined, text: string): UrlCitation[] {
  const chunks = metadata?.groundingChunks ?? [];
  const out: UrlCitation[] = [];
  for (const support of metadata?.groundingSupports ?? []) {
    const segment = support.segment;
    const start = byteOffsetToCodePoint(text, segment?.startIndex ?? 0);
    const end = segment?.endIndex === undefined ? undefined : byteOffsetToCodePoint(text, segment.endIndex);
    if (start === undefined || end === undefined || end < start) continue;
    const seen = new Set<string>();
    for (const index of support.groundingChunkIndices ?? []) {
      const web = chunks[index]?.web;
      if (!web?.uri || seen.has(web.uri)) continue;
      seen.add(web.uri);
      out.push(urlCitation(web.uri, web.title ?? "", start, end));
    }
  }
  return out;
}

/** Adds a grounding's non-empty search queries to `into` (a set, so repeats count once). */
export function collectQueries(metadata: GeminiGroundingMetadata | undefined, into: Set<string>): void {
  for (const query of metadata?.webSearchQueries ?? []) if (typeof query === "string" && query.trim() !== "") into.add(query);
}
