// What a response that never reported usage produced, from the deltas the relay passed on, for
// the estimate billed when a session ends mid-response (the client left, the upstream dropped,
// an idle timeout, credits, shutdown) and no response.done came:
// - output text tokens: the text and transcript deltas (GA response.output_text.delta and
//   response.output_audio_transcript.delta, beta response.text.delta and
//   response.audio_transcript.delta) and function call arguments
//   (response.function_call_arguments.delta) counted with the metering's tokenizer, as chat
//   estimates an aborted stream;
// - output audio tokens: the audio delta bytes as a duration, at OpenAI's "audio tokens in
//   assistant messages are 1 token per 50ms of audio" (developers.openai.com/api/docs/guides/
//   realtime-costs), the duration from the response's output format (PCM16 at its rate, 24 kHz
//   by default; G.711 µ-law/A-law at 8 kHz, one byte a sample);
// - input tokens: the session's estimate of the conversation when the response started
//   (input.ts), its audio part as audio input tokens.
import { estimateCompletionTokens, isRecord, type NormalizedUsage } from "@switchyard/metering";
import { type FrameHead, frameHead, frameType, parseEvent, type Span, stringAt } from "./frame-head.ts";
import type { InputEstimate } from "./input.ts";

const TEXT_DELTAS = new Set(["response.output_text.delta", "response.output_audio_transcript.delta", "response.text.delta", "response.audio_transcript.delta", "response.function_call_arguments.delta"]);
const AUDIO_DELTAS = new Set(["response.output_audio.delta", "response.audio.delta"]);
/** 1 token per 50 ms of assistant audio. */
export const OUTPUT_AUDIO_TOKENS_PER_SECOND = 20;
const PCM16_24KHZ = 48_000;

export type OutputDelta = { responseId: string; text: string } | { responseId: string; audioBytes: number };

/**
 * A text or audio delta of a response, else undefined. Decided from the frame's type (frame-head.ts):
 * other frames are not parsed; an audio delta is read from its head (the response id, and the
 * base64 delta's length as Buffer.byteLength computes it) without decoding or parsing the audio;
 * text deltas, small, are parsed.
 */
export function outputDelta(frame: Buffer, head: FrameHead | undefined = frameHead(frame)): OutputDelta | undefined {
  const type = frameType(frame, head);
  if (type === undefined || (!TEXT_DELTAS.has(type) && !AUDIO_DELTAS.has(type))) return undefined;
  if (head && AUDIO_DELTAS.has(type)) {
    const id = head.fields.get("response_id");
    const delta = head.fields.get("delta");
    const responseId = id && stringAt(frame, id);
    const audioBytes = delta && base64Bytes(frame, delta);
    if (typeof responseId === "string" && audioBytes !== undefined) return { responseId, audioBytes };
  }
  const event = parseEvent(frame);
  if (!event || typeof event.type !== "string" || typeof event.response_id !== "string" || typeof event.delta !== "string") return undefined;
  if (TEXT_DELTAS.has(event.type)) return { responseId: event.response_id, text: event.delta };
  if (AUDIO_DELTAS.has(event.type)) return { responseId: event.response_id, audioBytes: Buffer.byteLength(event.delta, "base64") };
  return undefined;
}

/** The bytes a base64 string value decodes to (Buffer.byteLength's count); undefined when the span is no string or holds an escape. */
export function base64Bytes(frame: Buffer, [start, end]: Span): number | undefined {
  if (frame[start] !== 0x22) return undefined;
  const text = frame.subarray(start + 1, end - 1);
  if (text.includes(0x5c)) return undefined; // an escape ("\/" is legal JSON for "/"): parse instead
  let length = text.length;
  if (text[length - 1] === 0x3d) length--;
  if (length > 1 && text[length - 1] === 0x3d) length--;
  return (length * 3) >>> 2;
}

/** Bytes a second of the response's output audio: GA `audio.output.format` or beta `output_audio_format`. */
export function audioBytesPerSecond(response: Record<string, unknown>): number {
  const audio = isRecord(response.audio) && isRecord(response.audio.output) ? response.audio.output : undefined;
  return audioFormatBytesPerSecond(audio?.format, response.output_audio_format);
}

/** Bytes a second of audio in a GA format object ({type, rate}) or, without one, a beta format name. */
export function audioFormatBytesPerSecond(gaFormat: unknown, betaFormat: unknown): number {
  const format = isRecord(gaFormat) ? gaFormat : undefined;
  const type = typeof format?.type === "string" ? format.type : typeof betaFormat === "string" ? betaFormat : undefined;
  if (type === "audio/pcmu" || type === "audio/pcma" || type === "g711_ulaw" || type === "g711_alaw") return 8_000;
  const rate = typeof format?.rate === "number" && format.rate > 0 ? format.rate : undefined;
  return rate === undefined ? PCM16_24KHZ : rate * 2;
}

/** One running response's output so far. */
export class ResponseProgress {
  private text = "";
  private audioBytes = 0;

  constructor(
    readonly startedAt: number,
    private readonly bytesPerSecond: number,
    /** The input it started with (input.ts). */
    private readonly input: InputEstimate = { tokens: 0, audioTokens: 0 },
  ) {}

  add(delta: OutputDelta): void {
    if ("text" in delta) this.text += delta.text;
    else this.audioBytes += delta.audioBytes;
  }

  /** The estimate for what was relayed, marked estimated. */
  estimate(): NormalizedUsage {
    const text = this.text === "" ? 0 : estimateCompletionTokens(this.text);
    const audio = Math.ceil((this.audioBytes / this.bytesPerSecond) * OUTPUT_AUDIO_TOKENS_PER_SECOND);
    const usage: NormalizedUsage = { promptTokens: this.input.tokens, completionTokens: text + audio, cachedTokens: 0, reasoningTokens: 0, estimated: true };
    if (this.input.audioTokens > 0) usage.audioInputTokens = this.input.audioTokens;
    if (audio > 0) usage.audioOutputTokens = audio;
    return usage;
  }
}
