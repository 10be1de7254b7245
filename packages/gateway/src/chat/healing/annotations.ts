// Annotations that point into the content (url_citation: start_index/end_index, in Unicode code
// points as OpenAI counts them) after healing replaced that content with its repaired form. Each
// span is looked for in the new content: the k-th occurrence of the cited text in the old content
// becomes the k-th occurrence in the new one when the text occurs equally often in both (repair
// strips fences, prose and stray commas, and usually keeps the strings inside the JSON as they
// were); otherwise (the text was changed by the repair, or was in prose that was dropped) the
// annotation is dropped rather than left pointing at the wrong characters. Sources listed without
// a place (start = end = 0) and annotations of other kinds are kept as they are.
interface UrlCitation {
  type: "url_citation";
  url_citation: { start_index: number; end_index: number } & Record<string, unknown>;
}

function isUrlCitation(value: unknown): value is UrlCitation {
  if (typeof value !== "object" || value === null || (value as { type?: unknown }).type !== "url_citation") return false;
  const span = (value as { url_citation?: unknown }).url_citation;
  return typeof span === "object" && span !== null && Number.isInteger((span as { start_index?: unknown }).start_index) && Number.isInteger((span as { end_index?: unknown }).end_index);
}

/** The annotations of a message whose content `before` was replaced by `after`. */
export function remapAnnotations(annotations: unknown[], before: string, after: string): unknown[] {
  const out: unknown[] = [];
  for (const annotation of annotations) {
    if (!isUrlCitation(annotation)) {
      out.push(annotation);
      continue;
    }
    const { start_index: start, end_index: end } = annotation.url_citation;
    if (start === 0 && end === 0) {
      out.push(annotation);
      continue;
    }
    const from = unitOffset(before, start);
    const to = unitOffset(before, end);
    if (from === -1 || to === -1 || to <= from) continue;
    const text = before.slice(from, to);
    const old = occurrences(before, text);
    const now = occurrences(after, text);
    const k = old.indexOf(from);
    if (k === -1 || old.length !== now.length) continue;
    const at = codePointIndex(after, now[k]!);
    out.push({ ...annotation, url_citation: { ...annotation.url_citation, start_index: at, end_index: at + (end - start) } });
  }
  return out;
}

/** The UTF-16 offset of code point `index` in text; -1 when out of range. */
function unitOffset(text: string, index: number): number {
  if (index < 0) return -1;
  let unit = 0;
  for (let point = 0; point < index; point++) {
    if (unit >= text.length) return -1;
    unit += (text.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1;
  }
  return unit <= text.length ? unit : -1;
}

/** The code point index of UTF-16 offset `unit` in text. */
function codePointIndex(text: string, unit: number): number {
  let point = 0;
  for (let i = 0; i < unit; i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1) point++;
  return point;
}

/** UTF-16 offsets of the non-overlapping occurrences of `text`, left to right. */
function occurrences(within: string, text: string): number[] {
  const found: number[] = [];
  for (let at = within.indexOf(text); at !== -1; at = within.indexOf(text, at + text.length)) found.push(at);
  return found;
}
