// POST …/audio/speech on the mock: the audio as a chunked byte stream with the format's
// content-type (behaviour `chunks`: how many pieces, default 4; `chunkDelayMs` between them;
// `firstByteDelayMs`; `failAfterChunks` destroys the socket; `error`), or with
// `stream_format: "sse"` OpenAI's events: `speech.audio.delta` {audio: base64} pieces, then
// `speech.audio.done` with usage {input_tokens, output_tokens, total_tokens} (text tokens in,
// audio tokens out at 1250 a minute, OpenAI's per-minute estimate for gpt-4o-mini-tts).
import { sendError, sendJson, streamHeaders } from "../mock-respond.ts";
import { sleep } from "../mock-sleep.ts";
import type { Behaviour, MockExchange } from "../mock-types.ts";
import { SPEECH_CONTENT_TYPES, speechAudio } from "./formats.ts";
import { readSpeechRequest, type SpeechRequest } from "./speech-request.ts";

export interface AudioContext extends MockExchange {
  kill: () => void;
  defaults?: Behaviour | undefined;
  /** Azure: the deployment's model. */
  model?: string;
  /** The provider the request addresses ("openai", "groq", "azure"): Groq answers in its own dialect. */
  dialect: "openai" | "groq" | "azure";
}

export const AUDIO_TOKENS_PER_MINUTE = 1250;

export function speechUsage(request: SpeechRequest): { input_tokens: number; output_tokens: number; total_tokens: number } {
  const input = Math.ceil((request.input.length + request.instructions.length) / 4);
  const output = Math.ceil((request.seconds * AUDIO_TOKENS_PER_MINUTE) / 60);
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}

function pieces(bytes: Buffer, count: number): Buffer[] {
  const size = Math.ceil(bytes.length / Math.max(1, count));
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.subarray(at, at + size));
  return out;
}

export async function handleSpeech(ctx: AudioContext): Promise<void> {
  const { record, res, headers } = ctx;
  const request = readSpeechRequest(record.rawBody, ctx.model);
  if ("status" in request) return sendJson(res, request.status, request.body, headers);
  record.body = JSON.parse(record.rawBody) as unknown;
  const chosen = ctx.pick(record) ?? {};
  const behaviour: Behaviour = ctx.defaults ? { ...ctx.defaults, ...chosen } : chosen;
  if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, ctx.cancellation))) return;
  if (res.destroyed) return;
  if (behaviour.error) return sendError(res, behaviour.error, request.model, ctx.key, headers);

  const parts = pieces(speechAudio(request.format, request.seconds), typeof behaviour.chunks === "number" ? behaviour.chunks : 4);
  const contentType = request.sse ? "text/event-stream; charset=utf-8" : SPEECH_CONTENT_TYPES[request.format];
  res.writeHead(200, { "content-type": contentType, "transfer-encoding": "chunked", ...streamHeaders(headers) });
  for (let i = 0; i < parts.length; i++) {
    if (i > 0 && behaviour.chunkDelayMs && !(await sleep(behaviour.chunkDelayMs, ctx.cancellation))) return;
    if (behaviour.failAfterChunks !== undefined && i >= behaviour.failAfterChunks) return ctx.kill();
    const part = parts[i]!;
    res.write(request.sse ? `data: ${JSON.stringify({ type: "speech.audio.delta", audio: part.toString("base64") })}\n\n` : part);
  }
  if (request.sse) res.write(`data: ${JSON.stringify({ type: "speech.audio.done", usage: speechUsage(request) })}\n\n`);
  res.end();
}
