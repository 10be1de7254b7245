// Audio models: text to speech (kind "speech", /v1/audio/speech) and speech to text (kind
// "transcription", /v1/audio/transcriptions and /v1/audio/translations).
//
// OpenAI (platform.openai.com/docs/pricing, "Transcription and speech generation"):
//   tts-1 $15 and tts-1-hd $30 per million input characters; whisper-1 $0.006 per minute;
//   gpt-4o-mini-tts $0.60 per million text input tokens and $12 per million audio output tokens;
//   gpt-4o-transcribe $2.50 text input, $6 audio input, $10 text output per million tokens;
//   gpt-4o-mini-transcribe $1.25, $3 and $5.
// Azure OpenAI Global Standard deployments list the same prices (read from summaries of Azure's
// script-rendered pricing page; effective dates not known). // unverified: azure dates
// Groq (console.groq.com/docs/speech-text): whisper-large-v3 $0.111 and whisper-large-v3-turbo
// $0.04 per hour of audio, with a minimum billed length of 10 seconds per request; turbo does
// not translate (the upstream refuses it). Groq's per-hour prices as per-minute decimals:
// 0.111 / 60 = 0.00185 exactly; 0.04 / 60 = 0.000666… rounded to 0.000666667 (1e-9 USD/min).
// Dates are the models' launch days at the provider. // unverified: groq dates
import type { ModelDefinition, Price } from "../types.ts";
import { PRICING } from "./sources.ts";

const GROQ_SPEECH = "https://console.groq.com/docs/speech-text";

const chars = (effectiveFrom: string, perMCharacters: string, source: string): Price => ({ effectiveFrom, inputPerMTok: "0", outputPerMTok: "0", perMCharacters, source });
const minutes = (effectiveFrom: string, perMinute: string, source: string, minimumSeconds?: number): Price => ({
  effectiveFrom,
  inputPerMTok: "0",
  outputPerMTok: "0",
  perMinute,
  ...(minimumSeconds !== undefined ? { minimumSeconds } : {}),
  source,
});
const transcribeTokens = (effectiveFrom: string, text: string, audio: string, output: string, source: string): Price => ({
  effectiveFrom,
  inputPerMTok: text,
  audioInputPerMTok: audio,
  outputPerMTok: output,
  source,
});

export const audioModels: readonly ModelDefinition[] = [
  {
    id: "tts-1",
    kind: "speech",
    name: "TTS-1",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "tts-1", prices: [chars("2023-11-06", "15", PRICING.openai)] },
      { providerId: "azure", upstreamModel: "tts-1", prices: [chars("2024-02-15", "15", PRICING.azure)] },
    ],
  },
  {
    id: "tts-1-hd",
    kind: "speech",
    name: "TTS-1 HD",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "tts-1-hd", prices: [chars("2023-11-06", "30", PRICING.openai)] },
      { providerId: "azure", upstreamModel: "tts-1-hd", prices: [chars("2024-02-15", "30", PRICING.azure)] },
    ],
  },
  {
    id: "gpt-4o-mini-tts",
    kind: "speech",
    name: "GPT-4o mini TTS",
    ownedBy: "openai",
    offerings: [
      // Text input tokens (input and instructions) and audio output tokens, as the upstream's
      // speech.audio.done usage counts them (the gateway asks for the SSE stream to get them).
      { providerId: "openai", upstreamModel: "gpt-4o-mini-tts", prices: [{ effectiveFrom: "2025-03-20", inputPerMTok: "0.60", outputPerMTok: "0", audioOutputPerMTok: "12.00", source: PRICING.openai }] },
    ],
  },
  {
    id: "whisper-1",
    kind: "transcription",
    name: "Whisper",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "whisper-1", prices: [minutes("2023-03-01", "0.006", PRICING.openai)] },
      { providerId: "azure", upstreamModel: "whisper-1", prices: [minutes("2024-02-15", "0.006", PRICING.azure)] },
    ],
  },
  {
    id: "gpt-4o-transcribe",
    kind: "transcription",
    name: "GPT-4o Transcribe",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "gpt-4o-transcribe", prices: [transcribeTokens("2025-03-20", "2.50", "6.00", "10.00", PRICING.openai)] },
      { providerId: "azure", upstreamModel: "gpt-4o-transcribe", prices: [transcribeTokens("2025-03-20", "2.50", "6.00", "10.00", PRICING.azure)] },
    ],
  },
  {
    id: "gpt-4o-mini-transcribe",
    kind: "transcription",
    name: "GPT-4o mini Transcribe",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "gpt-4o-mini-transcribe", prices: [transcribeTokens("2025-03-20", "1.25", "3.00", "5.00", PRICING.openai)] },
      { providerId: "azure", upstreamModel: "gpt-4o-mini-transcribe", prices: [transcribeTokens("2025-03-20", "1.25", "3.00", "5.00", PRICING.azure)] },
    ],
  },
  {
    id: "whisper-large-v3",
    kind: "transcription",
    name: "Whisper large-v3",
    ownedBy: "openai",
    offerings: [{ providerId: "groq", upstreamModel: "whisper-large-v3", prices: [minutes("2024-04-17", "0.00185", GROQ_SPEECH, 10)] }],
  },
  {
    id: "whisper-large-v3-turbo",
    kind: "transcription",
    name: "Whisper large-v3 Turbo",
    ownedBy: "openai",
    offerings: [{ providerId: "groq", upstreamModel: "whisper-large-v3-turbo", prices: [minutes("2024-10-14", "0.000666667", GROQ_SPEECH, 10)] }],
  },
];
