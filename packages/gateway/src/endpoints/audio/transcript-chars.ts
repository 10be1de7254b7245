// Counts the transcript's characters in a text, srt or vtt answer as it passes through to the
// client unchanged (nothing is held but the line being read), so that a token-priced model's
// output can be billed when the answer has no place for usage. Counted: the text without line
// breaks; for srt and vtt, the cue text only: not the WEBVTT header block or NOTE blocks, not the
// timing lines (`00:00:00,000 --> 00:00:01,500`), nor the cue number or identifier just above one.
export type TranscriptFormat = "text" | "srt" | "vtt";

/** A line longer than this is counted as it comes (no cue identifier or timing is that long). */
const MAX_LINE = 64 * 1024;
const BREAKS = /[\r\n]/g;

/** The cue-text lines of an srt or vtt answer, fed one line at a time. */
function cueCounter(format: "srt" | "vtt", add: (chars: number) => void) {
  let first = true;
  let skipBlock = false;
  /** The last line, counted unless the next one is a timing line (then it was the cue's identifier). */
  let held: string | undefined;
  const release = () => {
    if (held !== undefined) add(held.length);
    held = undefined;
  };
  return (line: string): void => {
    const text = line.trim();
    const wasFirst = first;
    first = false;
    if (text === "") {
      release();
      skipBlock = false;
      return;
    }
    if (skipBlock) return;
    if (format === "vtt" && ((wasFirst && text.startsWith("WEBVTT")) || /^NOTE(\s|$)/.test(text))) {
      skipBlock = true;
      return;
    }
    if (text.includes("-->")) {
      held = undefined;
      return;
    }
    release();
    held = line;
  };
}

export async function* countTranscript(body: AsyncIterable<Uint8Array>, format: TranscriptFormat, add: (chars: number) => void): AsyncGenerator<Uint8Array> {
  const decoder = new TextDecoder();
  const feed = format === "text" ? undefined : cueCounter(format, add);
  let partial = "";
  const take = (text: string): void => {
    if (!feed) return add(text.replace(BREAKS, "").length);
    const parts = (partial + text).split("\n");
    partial = parts.pop()!;
    for (const line of parts) feed(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (partial.length > MAX_LINE) {
      add(partial.length);
      partial = "";
    }
  };
  for await (const chunk of body) {
    take(decoder.decode(chunk, { stream: true }));
    yield chunk;
  }
  take(decoder.decode());
  if (feed) {
    feed(partial);
    feed("");
  }
}
