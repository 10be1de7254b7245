// One mock Realtime session's state: its configuration, the conversation items, the input audio
// buffer, and the token counts a response is charged for (deterministic, so tests can check them).
import { randomToken } from "@switchyard/core";
import { itemAudioBytes, itemText } from "./client-events.ts";

/**
 * PCM16 mono at 24 kHz: 48,000 bytes a second. OpenAI counts user audio at 1 token per 100 ms and
 * assistant audio at 1 token per 50 ms (developers.openai.com/api/docs/guides/realtime-costs).
 */
export const AUDIO_BYTES_PER_TOKEN = 4_800;
export const OUTPUT_AUDIO_BYTES_PER_TOKEN = 2_400;

export const newEventId = (): string => `event_${randomToken(20)}`;
export const newItemId = (): string => `item_${randomToken(20)}`;
export const newResponseId = (): string => `resp_${randomToken(20)}`;

export function textTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

export interface InputTokens {
  text: number;
  audio: number;
}

export class Conversation {
  readonly sessionId = `sess_${randomToken(20)}`;
  readonly conversationId = `conv_${randomToken(20)}`;
  session: Record<string, unknown>;
  readonly items: Array<Record<string, unknown>> = [];
  audioBufferBytes = 0;
  /** The input of the previous response: the prompt cache holds it. */
  cached: InputTokens = { text: 0, audio: 0 };

  constructor(model: string) {
    this.session = {
      type: "realtime",
      object: "realtime.session",
      id: this.sessionId,
      model,
      output_modalities: ["audio"],
      instructions: "",
      tools: [],
      tool_choice: "auto",
      max_output_tokens: "inf",
      audio: {
        input: { format: { type: "audio/pcm", rate: 24000 }, transcription: null, noise_reduction: null, turn_detection: null },
        output: { format: { type: "audio/pcm", rate: 24000 }, voice: "alloy", speed: 1 },
      },
      expires_at: Math.floor(Date.now() / 1000) + 3600,
    };
  }

  update(patch: Record<string, unknown>): void {
    this.session = { ...this.session, ...patch, id: this.sessionId, object: "realtime.session", model: this.session.model };
  }

  addItem(item: Record<string, unknown>): Record<string, unknown> {
    const stored = { id: typeof item.id === "string" ? item.id : newItemId(), object: "realtime.item", status: "completed", ...item };
    this.items.push(stored);
    return stored;
  }

  /** The prompt a response would be charged for: instructions and every item so far. */
  input(instructions: string | undefined): InputTokens {
    const text = textTokens(instructions ?? String(this.session.instructions ?? "")) + this.items.reduce((n, item) => n + textTokens(itemText(item)), 0);
    const audio = this.items.reduce((n, item) => n + Math.ceil(itemAudioBytes(item) / AUDIO_BYTES_PER_TOKEN), 0);
    return { text, audio };
  }
}
