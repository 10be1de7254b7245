// The usage of a speech request. Every speech event carries the input's characters (tts-1 and
// tts-1-hd are priced per million characters). Token-priced models (gpt-4o-mini-tts: text in,
// audio out) take the upstream's own counts from `speech.audio.done` (the gateway asks for the
// SSE stream to get them); without them the usage is estimated and marked so: text tokens at 4
// characters each (instructions included), audio seconds at 15 characters a second divided by
// `speed`, and 1250 audio tokens a minute (OpenAI's published estimate of $0.015 a minute for
// gpt-4o-mini-tts at $12 per million audio output tokens).
import type { NormalizedUsage } from "@switchyard/metering";
import type { SpeechBody } from "./speech-body.ts";

export const AUDIO_OUTPUT_TOKENS_PER_MINUTE = 1250;
const CHARACTERS_PER_SECOND = 15;

export interface SpeechTokens {
  input_tokens?: unknown;
  output_tokens?: unknown;
}

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined);

export function speechUsage(body: SpeechBody, tokenPriced: boolean, reported?: SpeechTokens): NormalizedUsage {
  const characters = [...body.input].length;
  const base = { cachedTokens: 0, reasoningTokens: 0, characters };
  const input = count(reported?.input_tokens);
  const output = count(reported?.output_tokens);
  if (input !== undefined && output !== undefined) return { ...base, promptTokens: input, completionTokens: output, audioOutputTokens: output, estimated: false };
  if (!tokenPriced) return { ...base, promptTokens: 0, completionTokens: 0, estimated: false };
  const seconds = characters / CHARACTERS_PER_SECOND / (body.speed ?? 1);
  const audio = Math.ceil((seconds * AUDIO_OUTPUT_TOKENS_PER_MINUTE) / 60);
  const text = Math.ceil((characters + [...(body.instructions ?? "")].length) / 4);
  return { ...base, promptTokens: text, completionTokens: audio, audioOutputTokens: audio, estimated: true };
}
