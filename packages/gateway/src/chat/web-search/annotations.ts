// The sources as OpenAI `url_citation` annotations on the assistant message. Each citation marker
// [n] in the answer (n a source number) is one annotation of source n whose start_index and
// end_index cover the marker: start_index is the marker's "[" and end_index the position just
// after its "]" (so content.slice(start_index, end_index) is "[n]"), counted in Unicode code points
// (the same as JavaScript string indexes unless the text holds characters outside the BMP, such
// as emoji). Sources the answer does not cite are still listed, after the cited ones, with
// start_index = end_index = 0. Annotations are in the order of the text, then of the sources.
import type { SearchResult } from "@switchyard/websearch";

export interface UrlCitation {
  type: "url_citation";
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

const MARKER = /\[(\d{1,3})\]/g;

function citation(source: SearchResult, start: number, end: number): UrlCitation {
  return { type: "url_citation", url_citation: { url: source.url, title: source.title, start_index: start, end_index: end } };
}

export function citationsFor(text: string, sources: readonly SearchResult[]): UrlCitation[] {
  const cited: UrlCitation[] = [];
  const used = new Set<number>();
  let codeUnit = 0;
  let codePoint = 0;
  for (const match of text.matchAll(MARKER)) {
    const n = Number(match[1]);
    if (n < 1 || n > sources.length) continue;
    codePoint += codePoints(text, codeUnit, match.index);
    codeUnit = match.index;
    cited.push(citation(sources[n - 1]!, codePoint, codePoint + match[0].length));
    used.add(n - 1);
  }
  const uncited = sources.flatMap((source, i) => (used.has(i) ? [] : [citation(source, 0, 0)]));
  return [...cited, ...uncited];
}

/** Code points in text[from, to). */
function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: count the high one only.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    count++;
  }
  return count;
}

/** A complete answer: each choice's message gets the annotations of its content (after any it already has). */
export function annotateCompletion(completion: Record<string, unknown>, sources: readonly SearchResult[]): void {
  if (!Array.isArray(completion.choices)) return;
  for (const choice of completion.choices as Array<{ message?: { content?: unknown; annotations?: unknown } }>) {
    const message = choice.message;
    if (message === undefined) continue;
    const citations = citationsFor(typeof message.content === "string" ? message.content : "", sources);
    message.annotations = Array.isArray(message.annotations) ? [...(message.annotations as unknown[]), ...citations] : citations;
  }
}
