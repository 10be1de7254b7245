// Input audio transcription in a realtime session is billed at the transcription model's own
// prices (OpenAI: "billed according to the ASR model's pricing rather than the realtime
// model's"). The model is the session's `audio.input.transcription.model` (GA) or
// `input_audio_transcription.model` (beta), read from session.created / session.updated; the
// usage is `conversation.item.input_audio_transcription.completed`'s `usage`, of type "tokens"
// (gpt-4o-transcribe) or "duration" (whisper-1), normalized as /v1/audio/transcriptions does.
import { isRecord } from "@switchyard/metering";
import { frameType, parseEvent } from "./frame-head.ts";

export type TranscriptionEvent = { type: "session"; model: string | null; session: Record<string, unknown> } | { type: "completed"; itemId: string; contentIndex: number; usage: Record<string, unknown>; event: Record<string, unknown> };

const COMPLETED = "conversation.item.input_audio_transcription.completed";

/** A session configuration or a completed transcription with usage, else undefined. Only those three types are parsed. */
export function transcriptionEvent(frame: Buffer, type: string | undefined = frameType(frame)): TranscriptionEvent | undefined {
  if (type !== "session.created" && type !== "session.updated" && type !== COMPLETED) return undefined;
  const event = parseEvent(frame);
  if (!event) return undefined;
  if ((event.type === "session.created" || event.type === "session.updated") && isRecord(event.session)) return { type: "session", model: transcriptionModel(event.session), session: event.session };
  if (event.type === COMPLETED && typeof event.item_id === "string" && isRecord(event.usage)) {
    return { type: "completed", itemId: event.item_id, contentIndex: typeof event.content_index === "number" ? event.content_index : 0, usage: event.usage, event };
  }
  return undefined;
}

/** The completed transcription event with the gateway's cost fields added to its `usage` (as response.done gets them). */
export function withTranscriptionCost(event: Record<string, unknown>, usage: Record<string, unknown>, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...event, usage: { ...usage, ...fields } });
}

function transcriptionModel(session: Record<string, unknown>): string | null {
  const ga = isRecord(session.audio) && isRecord(session.audio.input) ? session.audio.input.transcription : undefined;
  const config = isRecord(ga) ? ga : isRecord(session.input_audio_transcription) ? session.input_audio_transcription : undefined;
  return config && typeof config.model === "string" && config.model !== "" ? config.model : null;
}
