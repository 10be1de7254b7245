// POST …/audio/transcriptions and …/audio/translations on the mock. The text is deterministic
// ("Mock transcription of <file>: <seconds> seconds of audio."). Answers in every response_format:
//   json          {text, usage}: OpenAI's whisper-1 {type: "duration", seconds} (whole seconds),
//                 the gpt-4o models {type: "tokens", input_tokens, input_token_details, …};
//                 translations carry no usage; Groq adds x_groq {id} and no usage
//   text          the text and a newline (text/plain)
//   srt, vtt      one cue spanning the audio
//   verbose_json  task, language, duration, text, segments (and words when asked), usage as json
//   stream: true  (gpt-4o models) server-sent `transcript.text.delta` events, then
//                 `transcript.text.done` with the text and usage
// Behaviour: error, firstByteDelayMs, chunks (delta count, default 4), chunkDelayMs,
// failAfterChunks (stream), omitUsage.
import type { ServerResponse } from "node:http";
import { requestId } from "../mock-ids.ts";
import { sendError, sendJson, streamHeaders } from "../mock-respond.ts";
import { sleep } from "../mock-sleep.ts";
import type { Behaviour } from "../mock-types.ts";
import type { AudioContext } from "./speech.ts";
import { readTranscriptionRequest, type TranscriptionRequest } from "./transcription-request.ts";

export const AUDIO_INPUT_TOKENS_PER_MINUTE = 1000;

export function transcriptText(request: Pick<TranscriptionRequest, "task" | "filename" | "seconds">): string {
  return `Mock ${request.task === "translate" ? "translation" : "transcription"} of ${request.filename}: ${request.seconds.toFixed(2)} seconds of audio.`;
}

function tokenUsage(request: TranscriptionRequest, text: string) {
  const audio = Math.ceil((request.seconds * AUDIO_INPUT_TOKENS_PER_MINUTE) / 60);
  const prompt = Math.ceil(request.prompt.length / 4);
  const output = Math.ceil(text.length / 4);
  return { type: "tokens", input_tokens: audio + prompt, input_token_details: { text_tokens: prompt, audio_tokens: audio }, output_tokens: output, total_tokens: audio + prompt + output };
}

function usageOf(request: TranscriptionRequest, ctx: AudioContext, text: string): Record<string, unknown> {
  if (ctx.dialect === "groq") return { x_groq: { id: requestId() } };
  if (request.task === "translate") return {};
  return { usage: request.model.startsWith("gpt-4o") ? tokenUsage(request, text) : { type: "duration", seconds: Math.ceil(request.seconds) } };
}

const clock = (seconds: number, separator: "," | "."): string => {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
};

function send(res: ServerResponse, contentType: string, text: string, headers: Record<string, string>): void {
  res.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(text), ...streamHeaders(headers) });
  res.end(text);
}

function verbose(request: TranscriptionRequest, text: string): Record<string, unknown> {
  const words = text.split(" ");
  const step = request.seconds / words.length;
  const segment = { id: 0, seek: 0, start: 0, end: request.seconds, text: ` ${text}`, tokens: words.map((_, i) => 50_364 + i), temperature: 0, avg_logprob: -0.21, compression_ratio: 1.1, no_speech_prob: 0.01 };
  return {
    task: request.task === "translate" ? "translate" : "transcribe",
    language: request.task === "translate" ? "english" : (request.language ?? "english"),
    duration: request.seconds,
    text,
    ...(request.granularities.includes("word") ? { words: words.map((word, i) => ({ word, start: i * step, end: (i + 1) * step })) } : {}),
    ...(request.granularities.length === 0 || request.granularities.includes("segment") ? { segments: [segment] } : {}),
  };
}

async function stream(ctx: AudioContext, request: TranscriptionRequest, text: string, behaviour: Behaviour): Promise<void> {
  const { res } = ctx;
  const words = text.split(" ");
  const count = Math.min(words.length, typeof behaviour.chunks === "number" ? behaviour.chunks : 4);
  const size = Math.ceil(words.length / count);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", ...streamHeaders(ctx.headers) });
  for (let i = 0, at = 0; at < words.length; i++, at += size) {
    if (i > 0 && behaviour.chunkDelayMs && !(await sleep(behaviour.chunkDelayMs, ctx.cancellation))) return;
    if (behaviour.failAfterChunks !== undefined && i >= behaviour.failAfterChunks) return ctx.kill();
    const delta = words.slice(at, at + size).join(" ") + (at + size < words.length ? " " : "");
    res.write(`data: ${JSON.stringify({ type: "transcript.text.delta", delta })}\n\n`);
  }
  const usage = behaviour.omitUsage ? {} : { usage: tokenUsage(request, text) };
  res.end(`data: ${JSON.stringify({ type: "transcript.text.done", text, ...usage })}\n\n`);
}

export async function handleTranscription(ctx: AudioContext, task: "transcribe" | "translate"): Promise<void> {
  const { record, res, headers } = ctx;
  const request = await readTranscriptionRequest(record, task, ctx.model);
  if ("status" in request) return sendJson(res, request.status, request.body, headers);
  record.body = Object.fromEntries(Object.entries(request.form.fields).map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
  const chosen = ctx.pick(record) ?? {};
  const behaviour: Behaviour = ctx.defaults ? { ...ctx.defaults, ...chosen } : chosen;
  if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, ctx.cancellation))) return;
  if (res.destroyed) return;
  if (behaviour.error) return sendError(res, behaviour.error, request.model, ctx.key, headers);
  const text = behaviour.content ?? transcriptText(request);
  if (request.stream) return stream(ctx, request, text, behaviour);
  const usage = behaviour.omitUsage ? {} : usageOf(request, ctx, text);
  switch (request.format) {
    case "text":
      return send(res, "text/plain; charset=utf-8", `${text}\n`, headers);
    case "srt":
      return send(res, "text/plain; charset=utf-8", `1\n${clock(0, ",")} --> ${clock(request.seconds, ",")}\n${text}\n\n`, headers);
    case "vtt":
      return send(res, "text/vtt; charset=utf-8", `WEBVTT\n\n${clock(0, ".")} --> ${clock(request.seconds, ".")}\n${text}\n\n`, headers);
    case "verbose_json":
      return sendJson(res, 200, { ...verbose(request, text), ...usage }, streamHeaders(headers));
    default:
      return sendJson(res, 200, { text, ...usage }, streamHeaders(headers));
  }
}
