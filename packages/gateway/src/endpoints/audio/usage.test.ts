// The audio usage rules on their own: what is counted from the upstream's numbers, what is taken
// from the file, what is estimated (and marked so), and Groq's minimum billed length.
import type { Price } from "@switchyard/catalog";
import { describe, expect, it } from "vitest";
import { speechUsage } from "./speech-usage.ts";
import { openAIUsage, transcriptionUsage } from "./transcription-usage.ts";

const whisper: Price = { effectiveFrom: "2023-03-01", inputPerMTok: "0", outputPerMTok: "0", perMinute: "0.006", source: "https://example.com" };
const groq: Price = { ...whisper, perMinute: "0.00185", minimumSeconds: 10 };
const transcribe: Price = { effectiveFrom: "2025-03-20", inputPerMTok: "2.50", audioInputPerMTok: "6.00", outputPerMTok: "10.00", source: "https://example.com" };
const file = { seconds: 7.25, estimated: false };

describe("transcriptionUsage", () => {
  it("takes OpenAI's duration usage over the file's length", () => {
    expect(transcriptionUsage(whisper, { usage: { type: "duration", seconds: 8 } }, file, 0)).toMatchObject({ audioSeconds: 8, promptTokens: 0, estimated: false });
  });

  it("takes verbose_json's duration, else the file's", () => {
    expect(transcriptionUsage(whisper, { duration: 6.5 }, file, 0).audioSeconds).toBe(6.5);
    expect(transcriptionUsage(whisper, {}, file, 0)).toMatchObject({ audioSeconds: 7.25, estimated: false });
    expect(transcriptionUsage(whisper, {}, { seconds: 3, estimated: true }, 0)).toMatchObject({ audioSeconds: 3, estimated: true });
  });

  it("bills at least the price's minimum seconds (Groq: 10)", () => {
    expect(transcriptionUsage(groq, { duration: 2 }, file, 0).audioSeconds).toBe(10);
    expect(transcriptionUsage(groq, { duration: 12.5 }, file, 0).audioSeconds).toBe(12.5);
  });

  it("counts token usage with its audio part", () => {
    const usage = { type: "tokens", input_tokens: 120, input_token_details: { text_tokens: 20, audio_tokens: 100 }, output_tokens: 30, total_tokens: 150 };
    expect(transcriptionUsage(transcribe, { usage }, file, 0)).toMatchObject({ promptTokens: 120, audioInputTokens: 100, completionTokens: 30, estimated: false });
    const noDetails = { type: "tokens", input_tokens: 90, output_tokens: 5, total_tokens: 95 };
    expect(transcriptionUsage(transcribe, { usage: noDetails }, file, 0)).toMatchObject({ promptTokens: 90, audioInputTokens: 90 });
  });

  it("estimates a token-priced answer without usage: 1000 audio tokens a minute, 4 characters a token", () => {
    const usage = transcriptionUsage(transcribe, { text: "x".repeat(41) }, { seconds: 30, estimated: false }, 10);
    expect(usage).toMatchObject({ audioInputTokens: 500, promptTokens: 503, completionTokens: 11, estimated: true });
    expect(openAIUsage(usage, true)).toEqual({ type: "tokens", input_tokens: 503, input_token_details: { text_tokens: 3, audio_tokens: 500 }, output_tokens: 11, total_tokens: 514 });
    expect(openAIUsage(transcriptionUsage(groq, {}, { seconds: 3, estimated: false }, 0), false)).toEqual({ type: "duration", seconds: 10 });
  });
});

describe("speechUsage", () => {
  const body = { model: "tts-1", input: "Grüße, Welt 👋", voice: "alloy" };

  it("counts characters (code points) for every speech request", () => {
    expect(speechUsage(body, false)).toMatchObject({ characters: 13, promptTokens: 0, completionTokens: 0, estimated: false });
  });

  it("takes the upstream's token counts as audio output", () => {
    expect(speechUsage(body, true, { input_tokens: 6, output_tokens: 40 })).toMatchObject({ promptTokens: 6, completionTokens: 40, audioOutputTokens: 40, estimated: false });
  });

  it("estimates token-priced speech without counts, slower speech costing more audio tokens", () => {
    const input = "x".repeat(150); // 10 s at speed 1
    expect(speechUsage({ ...body, input }, true)).toMatchObject({ promptTokens: 38, audioOutputTokens: 209, estimated: true });
    expect(speechUsage({ ...body, input, speed: 0.5, instructions: "Slowly." }, true)).toMatchObject({ promptTokens: 40, audioOutputTokens: 417 });
  });
});
