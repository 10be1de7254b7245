// Counting the transcript in text, srt and vtt answers passed through: the bytes reach the client
// unchanged, and only the transcript's own characters are counted, however the answer is cut into
// pieces.
import { describe, expect, it } from "vitest";
import { countTranscript, type TranscriptFormat } from "./transcript-chars.ts";

/** The answer in pieces of `size` bytes (cutting lines and multi-byte characters). */
async function* pieces(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; at += size) yield new Uint8Array(bytes.subarray(at, at + size));
}

async function count(text: string, format: TranscriptFormat, size: number): Promise<number> {
  let chars = 0;
  const out: Buffer[] = [];
  for await (const piece of countTranscript(pieces(text, size), format, (n) => (chars += n))) out.push(Buffer.from(piece));
  expect(Buffer.concat(out).toString("utf8")).toBe(text);
  return chars;
}

const SRT = "1\n00:00:00,000 --> 00:00:02,000\nGrüße aus Köln 👋\n\n2\n00:00:02,000 --> 00:00:03,500\n42\nand a second line\n\n";
const VTT = "WEBVTT\nKind: captions\n\nNOTE made by the mock\nstill the note\n\nintro\n00:00:00.000 --> 00:00:01.500\nHello there.\n\n00:00:01.500 --> 00:00:02.000\nBye.\n";

describe("countTranscript", () => {
  it.each([1, 3, 7, 1000])("text: every character but the line breaks (pieces of %i bytes)", async (size) => {
    expect(await count("Mock transcription of hello.wav.\r\nSecond line ✓\n", "text", size)).toBe("Mock transcription of hello.wav.".length + "Second line ✓".length);
  });

  it.each([1, 5, 1000])("srt: the cue text only, a cue that is a number included (pieces of %i bytes)", async (size) => {
    expect(await count(SRT, "srt", size)).toBe("Grüße aus Köln 👋".length + "42".length + "and a second line".length);
  });

  it.each([1, 4, 1000])("vtt: not the header block, NOTE blocks, cue identifiers or timings (pieces of %i bytes)", async (size) => {
    expect(await count(VTT, "vtt", size)).toBe("Hello there.".length + "Bye.".length);
  });

  it("counts a last line without a line break", async () => {
    expect(await count("1\n00:00:00,000 --> 00:00:01,000\nend", "srt", 2)).toBe(3);
  });
});
