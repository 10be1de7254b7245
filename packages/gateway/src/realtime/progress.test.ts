// The estimate of a response that never reported usage, from the deltas the relay passed on.
import { countTextTokens } from "@switchyard/metering";
import { describe, expect, it } from "vitest";
import { audioBytesPerSecond, outputDelta, ResponseProgress } from "./progress.ts";

const frame = (event: unknown) => Buffer.from(JSON.stringify(event));

describe("outputDelta", () => {
  it("reads GA and beta text, transcript, function-argument and audio deltas", () => {
    for (const type of ["response.output_text.delta", "response.output_audio_transcript.delta", "response.text.delta", "response.audio_transcript.delta", "response.function_call_arguments.delta"]) {
      expect(outputDelta(frame({ type, response_id: "r1", delta: "hi" }))).toEqual({ responseId: "r1", text: "hi" });
    }
    const audio = Buffer.alloc(4_801, 7).toString("base64");
    expect(outputDelta(frame({ type: "response.output_audio.delta", response_id: "r1", delta: audio }))).toEqual({ responseId: "r1", audioBytes: 4_801 });
    expect(outputDelta(frame({ type: "response.audio.delta", response_id: "r1", delta: audio }))).toEqual({ responseId: "r1", audioBytes: 4_801 });
  });

  it("an audio delta is read from its head whatever the key order and spacing; an escaped delta or id is parsed instead, to the same answer", () => {
    for (const bytes of [0, 1, 2, 3, 4_800, 4_801, 4_802]) {
      const audio = Buffer.alloc(bytes, 0xff).toString("base64"); // "////…": slashes JSON may escape
      expect(outputDelta(Buffer.from(`{ "delta" : "${audio}", "response_id": "r1", "type": "response.output_audio.delta" }`))).toEqual({ responseId: "r1", audioBytes: bytes });
      const escaped = `{"type":"response.output_audio.delta","response_id":"r\\u0031","delta":"${audio.replaceAll("/", "\\/")}"}`;
      expect(escaped.includes("\\/") || bytes === 0).toBe(true);
      expect(outputDelta(Buffer.from(escaped))).toEqual({ responseId: "r1", audioBytes: bytes });
    }
    expect(outputDelta(Buffer.from('{"type":"response.output_audio.delta","response_id":"r1","delta":7}'))).toBeUndefined();
    expect(outputDelta(Buffer.from('{"type":"response.output_audio.delta","delta":"AAAA"}'))).toBeUndefined();
  });

  it("ignores other events and deltas without a response id", () => {
    expect(outputDelta(frame({ type: "input_audio_buffer.speech_started", audio_start_ms: 1 }))).toBeUndefined();
    expect(outputDelta(frame({ type: "conversation.item.input_audio_transcription.delta", item_id: "i", delta: "x" }))).toBeUndefined();
    expect(outputDelta(frame({ type: "response.output_text.delta", delta: "x" }))).toBeUndefined();
    expect(outputDelta(Buffer.from('{"type":"response.output_text.delta","delta"'))).toBeUndefined();
  });
});

describe("audioBytesPerSecond", () => {
  it("PCM16 at its rate (24 kHz by default), G.711 at 8 kHz, GA and beta shapes", () => {
    expect(audioBytesPerSecond({})).toBe(48_000);
    expect(audioBytesPerSecond({ audio: { output: { format: { type: "audio/pcm", rate: 24_000 } } } })).toBe(48_000);
    expect(audioBytesPerSecond({ audio: { output: { format: { type: "audio/pcmu" } } } })).toBe(8_000);
    expect(audioBytesPerSecond({ output_audio_format: "g711_alaw" })).toBe(8_000);
    expect(audioBytesPerSecond({ output_audio_format: "pcm16" })).toBe(48_000);
  });
});

describe("ResponseProgress", () => {
  it("estimates text with the tokenizer and audio at 1 token per 50 ms, marked estimated", () => {
    const p = new ResponseProgress(0, 48_000);
    expect(p.estimate()).toEqual({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: true });
    p.add({ responseId: "r", text: "Hello there, " });
    p.add({ responseId: "r", text: "general Kenobi." });
    p.add({ responseId: "r", audioBytes: 24_000 }); // 500 ms
    p.add({ responseId: "r", audioBytes: 1 }); // a started 50 ms counts
    const text = countTextTokens("Hello there, general Kenobi.");
    expect(p.estimate()).toEqual({ promptTokens: 0, completionTokens: text + 11, cachedTokens: 0, reasoningTokens: 0, estimated: true, audioOutputTokens: 11 });
    const g711 = new ResponseProgress(0, 8_000);
    g711.add({ responseId: "r", audioBytes: 8_000 }); // one second
    expect(g711.estimate().audioOutputTokens).toBe(20);
  });
});
