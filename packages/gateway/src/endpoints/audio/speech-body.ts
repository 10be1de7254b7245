// The body of POST /v1/audio/speech (openai-node's SpeechCreateParams): model, input (at most
// 4096 characters), voice (a name or {id}), response_format, speed 0.25–4, instructions,
// stream_format sse|audio, and Switchyard's byok_conf. Other parameters pass through.
import { SwitchyardError } from "@switchyard/core";
import { z } from "zod";
import { byokConfSchema } from "../../chat/schema.ts";
import { invalidParam } from "../../invalid-param.ts";

export const SPEECH_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** What OpenAI's speech endpoint answers with per format (used when the upstream names none). */
export const SPEECH_CONTENT_TYPES: Record<SpeechFormat, string> = {
  mp3: "audio/mpeg",
  opus: "audio/opus",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};

const speechSchema = z.looseObject({
  model: z.string().min(1).max(256),
  input: z.string().min(1).max(4096),
  voice: z.union([z.string().min(1).max(128), z.strictObject({ id: z.string().min(1).max(256) })]),
  response_format: z.enum(SPEECH_FORMATS).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  instructions: z.string().max(4096).optional(),
  stream_format: z.enum(["sse", "audio"]).optional(),
  byok_conf: byokConfSchema.optional(),
});

export type SpeechBody = z.output<typeof speechSchema>;

export function parseSpeechBody(body: unknown): SpeechBody {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new SwitchyardError("invalid_request", "The request body must be a JSON object.");
  const parsed = speechSchema.safeParse(body);
  if (!parsed.success) throw invalidParam(parsed.error);
  return parsed.data;
}

/** The body the upstream gets: the client's without byok_conf (the model is set per attempt). */
export function upstreamSpeechBody(body: SpeechBody, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { byok_conf: _conf, ...rest } = body;
  return Object.assign(rest, overrides);
}
