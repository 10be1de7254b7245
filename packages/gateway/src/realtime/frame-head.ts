// A relayed text frame's top-level fields, read without parsing the frame: the relay decides
// from the event's `type` what to do with it, and most frames (deltas, above all audio deltas
// of tens of kilobytes of base64) need no JSON.parse at all. Strings are skipped with
// Buffer.indexOf (native), so a long string value costs next to nothing; nested objects and
// arrays are skipped by counting brackets (their strings skipped the same way). The top level
// itself is read strictly (`{ "key": value, … }`, numbers and literals checked, nothing after the
// closing brace); a frame that is not such an object, or whose keys hold escapes, has no head
// and is left to JSON.parse (frameType), so the cheap reading never disagrees with it on a
// well-formed frame. Duplicate keys: the last wins, as in JSON.parse.
import { isRecord } from "@switchyard/metering";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/** A value's bytes in the frame: [start, end). */
export type Span = readonly [number, number];

export interface FrameHead {
  /** The top-level `type`, when it is a string. */
  type: string | undefined;
  /** Every top-level field's value, as bytes of the frame. */
  fields: ReadonlyMap<string, Span>;
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

function skipSpace(frame: Buffer, at: number): number {
  let i = at;
  while (isSpace(frame[i])) i++;
  return i;
}

/** Just past the closing quote of the string whose opening quote is at `start`; -1 when it never closes. */
function stringEnd(frame: Buffer, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = frame.indexOf(QUOTE, from);
    if (quote < 0) return -1;
    let slashes = 0;
    for (let j = quote - 1; j > start && frame[j] === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Just past the object or array opening at `start`; -1 when it never closes. */
function containerEnd(frame: Buffer, start: number): number {
  let depth = 0;
  let i = start;
  while (i < frame.length) {
    const byte = frame[i]!;
    if (byte === QUOTE) {
      i = stringEnd(frame, i);
      if (i < 0) return -1;
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

/** Just past the value starting at `start`; -1 when it is not one. */
function valueEnd(frame: Buffer, start: number): number {
  const first = frame[start];
  if (first === QUOTE) return stringEnd(frame, start);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return containerEnd(frame, start);
  let i = start;
  while (i < frame.length && frame[i] !== COMMA && frame[i] !== CLOSE_BRACE && !isSpace(frame[i])) i++;
  return i > start && i - start <= 64 && LITERAL.test(frame.toString("latin1", start, i)) ? i : -1;
}

/** The frame's top-level fields; undefined when it is not a JSON object read strictly at the top level, or a key holds an escape. */
export function frameHead(frame: Buffer): FrameHead | undefined {
  const fields = new Map<string, Span>();
  let i = skipSpace(frame, 0);
  if (frame[i] !== OPEN_BRACE) return undefined;
  i = skipSpace(frame, i + 1);
  if (frame[i] === CLOSE_BRACE) return finish(frame, fields, i + 1);
  for (;;) {
    if (frame[i] !== QUOTE) return undefined;
    const keyEnd = stringEnd(frame, i);
    if (keyEnd < 0) return undefined;
    const key = frame.toString("utf8", i + 1, keyEnd - 1);
    if (key.includes("\\")) return undefined;
    i = skipSpace(frame, keyEnd);
    if (frame[i] !== COLON) return undefined;
    const start = skipSpace(frame, i + 1);
    const end = valueEnd(frame, start);
    if (end < 0) return undefined;
    fields.set(key, [start, end]);
    i = skipSpace(frame, end);
    if (frame[i] === CLOSE_BRACE) return finish(frame, fields, i + 1);
    if (frame[i] !== COMMA) return undefined;
    i = skipSpace(frame, i + 1);
  }
}

function finish(frame: Buffer, fields: Map<string, Span>, end: number): FrameHead | undefined {
  if (skipSpace(frame, end) !== frame.length) return undefined;
  const type = fields.get("type");
  return { type: type ? stringAt(frame, type) : undefined, fields };
}

/** The string a span holds (escapes decoded), else undefined. */
export function stringAt(frame: Buffer, span: Span): string | undefined {
  if (frame[span[0]] !== QUOTE) return undefined;
  const raw = frame.toString("utf8", span[0] + 1, span[1] - 1);
  if (!raw.includes("\\")) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}

/** The event a frame carries when it is a JSON object, else undefined (malformed frames included). */
export function parseEvent(frame: Buffer): Record<string, unknown> | undefined {
  try {
    const event: unknown = JSON.parse(frame.toString("utf8"));
    return isRecord(event) ? event : undefined;
  } catch {
    return undefined;
  }
}

/** The frame's top-level `type`: from its head, or by JSON.parse for a frame without one. */
export function frameType(frame: Buffer, head: FrameHead | undefined = frameHead(frame)): string | undefined {
  if (head) return head.type;
  const type = parseEvent(frame)?.type;
  return typeof type === "string" ? type : undefined;
}
