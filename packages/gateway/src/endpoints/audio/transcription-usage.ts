// The usage of a transcription or translation. The upstream's own numbers first: `usage` of type
// "tokens" (gpt-4o-transcribe: input tokens with their audio part, output text tokens) or
// "duration" (whisper-1: seconds), else verbose_json's `duration`, else the file's own length
// (duration.ts). Priced per minute: audioSeconds, raised to the price's minimum (Groq bills at
// least 10 seconds a request). Priced per token without reported tokens (text, srt and vtt
// answers have no place for usage): estimated, at 1000 audio tokens a minute (OpenAI's published
// $0.006 a minute for gpt-4o-transcribe at $6 per million audio tokens), the prompt and the
// transcript (its text, or the characters counted as it passed through) at 4 characters a token.
import type { Price } from "@switchyard/catalog";
import type { NormalizedUsage } from "@switchyard/metering";
import type { Duration } from "./duration.ts";

export const AUDIO_INPUT_TOKENS_PER_MINUTE = 1000;

export interface Reported {
  /** The upstream's `usage` object, if any. */
  usage?: unknown;
  /** verbose_json's `duration`. */
  duration?: unknown;
  /** The transcribed text, when known. */
  text?: string;
  /** The transcript's characters, counted as a text, srt or vtt answer passed through (transcript-chars.ts). */
  textChars?: number;
}

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined);

export function transcriptionUsage(price: Price | undefined, reported: Reported, file: Duration, promptChars: number): NormalizedUsage {
  const usage = (typeof reported.usage === "object" && reported.usage !== null ? reported.usage : {}) as Record<string, unknown>;
  const reportedSeconds = usage.type === "duration" ? count(usage.seconds) : undefined;
  const seconds = reportedSeconds ?? count(reported.duration) ?? file.seconds;
  const secondsEstimated = reportedSeconds === undefined && count(reported.duration) === undefined && file.estimated;
  const billedSeconds = Math.max(seconds, price?.minimumSeconds ?? 0);
  const base = { cachedTokens: 0, reasoningTokens: 0, audioSeconds: billedSeconds };

  const input = usage.type === "tokens" ? count(usage.input_tokens) : undefined;
  const output = usage.type === "tokens" ? count(usage.output_tokens) : undefined;
  if (input !== undefined && output !== undefined) {
    const details = (typeof usage.input_token_details === "object" && usage.input_token_details !== null ? usage.input_token_details : {}) as Record<string, unknown>;
    const audio = count(details.audio_tokens) ?? (count(details.text_tokens) !== undefined ? input - count(details.text_tokens)! : input);
    return { ...base, promptTokens: Math.round(input), completionTokens: Math.round(output), audioInputTokens: Math.round(Math.min(audio, input)), estimated: false };
  }
  const tokenPriced = price !== undefined && price.perMinute === undefined && price.audioInputPerMTok !== undefined;
  if (!tokenPriced) return { ...base, promptTokens: 0, completionTokens: 0, estimated: secondsEstimated };
  const audio = Math.ceil((seconds * AUDIO_INPUT_TOKENS_PER_MINUTE) / 60);
  const text = Math.ceil(promptChars / 4);
  return { ...base, promptTokens: audio + text, completionTokens: Math.ceil((reported.text?.length ?? reported.textChars ?? 0) / 4), audioInputTokens: audio, estimated: true };
}

/** A `usage` object in OpenAI's shape for an answer that had none (Groq, translations). */
export function openAIUsage(usage: NormalizedUsage, tokenPriced: boolean): Record<string, unknown> {
  if (!tokenPriced) return { type: "duration", seconds: usage.audioSeconds ?? 0 };
  const audio = usage.audioInputTokens ?? 0;
  return { type: "tokens", input_tokens: usage.promptTokens, input_token_details: { text_tokens: usage.promptTokens - audio, audio_tokens: audio }, output_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
}
