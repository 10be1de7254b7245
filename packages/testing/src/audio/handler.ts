// Dispatch of the audio endpoints on the OpenAI-compatible mock and Azure's deployments.
import type { AudioContext } from "./speech.ts";
import { handleSpeech } from "./speech.ts";
import { handleTranscription } from "./transcription.ts";

const AUDIO_PATH = /\/audio\/(speech|transcriptions|translations)$/;

/** True when `path` is an audio endpoint (…/audio/speech, …/audio/transcriptions, …/audio/translations). */
export const isAudioPath = (path: string): boolean => AUDIO_PATH.test(path);

export function handleAudio(ctx: AudioContext, path: string): Promise<void> {
  const endpoint = AUDIO_PATH.exec(path)?.[1];
  if (endpoint === "speech") return handleSpeech(ctx);
  return handleTranscription(ctx, endpoint === "translations" ? "translate" : "transcribe");
}
