// The input tokens of a realtime response that never reported usage, estimated per session from
// counters only (the gateway keeps no conversation: each item is counted when seen, and its
// text dropped). OpenAI sends "the entire conversation ... to the model for each Response", and
// a response's output joins the conversation (developers.openai.com/api/docs/guides/realtime-costs),
// so a response's input is:
// - the context the last response.done with usage reported: its input_tokens plus its
//   output_tokens (the audio part: its input_token_details.audio_tokens plus its
//   output_token_details.audio_tokens); before any, the session's instructions (from
//   session.created / session.updated) counted with the metering's tokenizer;
// - plus what the client added since: the text of conversation.item.create items (message
//   text parts, function call arguments and outputs) counted with the tokenizer, and user audio
//   at the guide's "Audio tokens in user messages are 1 token per 100 ms of audio": audio parts
//   of those items, and the input audio buffer once the upstream commits it
//   (input_audio_buffer.committed): with server VAD the speech the upstream detected
//   (speech_started's audio_start_ms to speech_stopped's audio_end_ms, the silence it drops not
//   counted), else every byte appended since the last commit or clear; the byte rate from the
//   session's input format, as progress.ts reads the output's (PCM16 24 kHz unless G.711).
// Appends are read from the frame's head (frame-head.ts), their audio never parsed or decoded.
// Nothing of the estimate counts as cached (the previous context is priced at the full input
// price), and the overhead tokens a message carries beyond its content are not counted.
import { countTextTokens, isRecord, type NormalizedUsage } from "@switchyard/metering";
import { type FrameHead, frameHead, frameType, parseEvent } from "./frame-head.ts";
import { audioFormatBytesPerSecond, base64Bytes } from "./progress.ts";

/** 1 token per 100 ms of user audio. */
export const INPUT_AUDIO_TOKENS_PER_SECOND = 10;

/** The input a response started with: all of it, and the audio part. */
export interface InputEstimate {
  tokens: number;
  audioTokens: number;
}

const CLIENT_TYPES = new Set(["input_audio_buffer.append", "input_audio_buffer.clear", "conversation.item.create"]);
const UPSTREAM_TYPES = new Set(["input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "input_audio_buffer.cleared"]);

const audioTokens = (seconds: number): number => Math.ceil(Math.round(seconds * INPUT_AUDIO_TOKENS_PER_SECOND * 1e6) / 1e6);
const textTokens = (v: unknown): number => (typeof v === "string" ? countTextTokens(v) : 0);

export class ConversationInput {
  private context: InputEstimate | undefined;
  private instructions = 0;
  private addedText = 0;
  private addedAudio = 0;
  /** Seconds of audio appended to the input buffer since the last commit or clear. */
  private buffered = 0;
  private speechStartMs: number | undefined;
  private speechMs: number | undefined;
  private bytesPerSecond = audioFormatBytesPerSecond(undefined, undefined);

  /** The input a response starting now would be priced on. */
  estimate(): InputEstimate {
    const base = this.context ?? { tokens: this.instructions, audioTokens: 0 };
    return { tokens: base.tokens + this.addedText + this.addedAudio, audioTokens: base.audioTokens + this.addedAudio };
  }

  /** A response reported its usage: the conversation is now its input and output. */
  responded(usage: NormalizedUsage): void {
    const tokens = usage.promptTokens + usage.completionTokens;
    this.context = { tokens, audioTokens: Math.min((usage.audioInputTokens ?? 0) + (usage.audioOutputTokens ?? 0), tokens) };
    this.addedText = 0;
    this.addedAudio = 0;
  }

  /** The session's configuration, from session.created / session.updated: its instructions and input audio format. */
  session(session: Record<string, unknown>): void {
    if (typeof session.instructions === "string") this.instructions = countTextTokens(session.instructions);
    const input = isRecord(session.audio) && isRecord(session.audio.input) ? session.audio.input : undefined;
    this.bytesPerSecond = audioFormatBytesPerSecond(input?.format, session.input_audio_format);
  }

  /** A frame from the client: audio appended, the buffer cleared, an item added. */
  client(frame: Buffer, head: FrameHead | undefined = frameHead(frame)): void {
    const type = frameType(frame, head);
    if (type === undefined || !CLIENT_TYPES.has(type)) return;
    if (type === "input_audio_buffer.append") {
      const audio = head?.fields.get("audio");
      const bytes = audio && base64Bytes(frame, audio);
      if (bytes !== undefined) return void (this.buffered += bytes / this.bytesPerSecond);
    }
    const event = parseEvent(frame);
    if (!event || event.type !== type) return;
    if (type === "input_audio_buffer.append" && typeof event.audio === "string") this.buffered += Buffer.byteLength(event.audio, "base64") / this.bytesPerSecond;
    else if (type === "input_audio_buffer.clear") this.clear();
    else if (type === "conversation.item.create" && isRecord(event.item)) this.item(event.item);
  }

  /** A frame from the upstream, given its type: speech detected, the buffer committed or cleared. */
  upstream(frame: Buffer, type: string): void {
    if (!UPSTREAM_TYPES.has(type)) return;
    const event = parseEvent(frame);
    if (!event) return;
    if (type === "input_audio_buffer.speech_started" && typeof event.audio_start_ms === "number") this.speechStartMs = event.audio_start_ms;
    else if (type === "input_audio_buffer.speech_stopped" && typeof event.audio_end_ms === "number" && this.speechStartMs !== undefined) this.speechMs = Math.max(0, event.audio_end_ms - this.speechStartMs);
    else if (type === "input_audio_buffer.committed") {
      this.addedAudio += audioTokens(this.speechMs === undefined ? this.buffered : this.speechMs / 1000);
      this.clear();
    } else if (type === "input_audio_buffer.cleared") this.clear();
  }

  private clear(): void {
    this.buffered = 0;
    this.speechStartMs = undefined;
    this.speechMs = undefined;
  }

  private item(item: Record<string, unknown>): void {
    this.addedText += textTokens(item.arguments) + textTokens(item.output);
    if (!Array.isArray(item.content)) return;
    for (const part of item.content) {
      if (!isRecord(part)) continue;
      this.addedText += textTokens(part.text);
      if (part.type === "input_audio" && typeof part.audio === "string") this.addedAudio += audioTokens(Buffer.byteLength(part.audio, "base64") / this.bytesPerSecond);
    }
  }
}
