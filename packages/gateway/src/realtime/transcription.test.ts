// Finding the session's transcription model and the transcriptions to bill among relayed frames.
import { describe, expect, it } from "vitest";
import { transcriptionEvent, withTranscriptionCost } from "./transcription.ts";

const frame = (event: unknown) => Buffer.from(JSON.stringify(event));

describe("transcriptionEvent", () => {
  it("reads the model from GA and beta session events, null when transcription is off", () => {
    const ga = { audio: { input: { transcription: { model: "gpt-4o-transcribe" } } } };
    expect(transcriptionEvent(frame({ type: "session.updated", session: ga }))).toEqual({ type: "session", model: "gpt-4o-transcribe", session: ga });
    const beta = { input_audio_transcription: { model: "whisper-1" } };
    expect(transcriptionEvent(frame({ type: "session.created", session: beta }))).toEqual({ type: "session", model: "whisper-1", session: beta });
    const off = { audio: { input: { transcription: null } } };
    expect(transcriptionEvent(frame({ type: "session.updated", session: off }))).toEqual({ type: "session", model: null, session: off });
  });

  it("reads a completed transcription with usage; ignores one without usage and other events", () => {
    const usage = { type: "duration", seconds: 1.5 };
    const event = { type: "conversation.item.input_audio_transcription.completed", item_id: "item_1", content_index: 0, transcript: "hi", usage };
    expect(transcriptionEvent(frame(event))).toEqual({ type: "completed", itemId: "item_1", contentIndex: 0, usage, event });
    expect(transcriptionEvent(frame({ type: "conversation.item.input_audio_transcription.completed", item_id: "item_1", transcript: "hi" }))).toBeUndefined();
    expect(transcriptionEvent(frame({ type: "response.output_text.delta", delta: '"session.updated"' }))).toBeUndefined();
  });

  it("adds the cost fields to the completed event's usage, the rest of the event as it was", () => {
    const event = { type: "conversation.item.input_audio_transcription.completed", event_id: "e1", item_id: "item_1", content_index: 0, transcript: "hi", usage: { type: "duration", seconds: 1.5 } };
    expect(JSON.parse(withTranscriptionCost(event, event.usage, { cost_usd_total: 0.00015, usage_estimated: false }))).toEqual({ ...event, usage: { type: "duration", seconds: 1.5, cost_usd_total: 0.00015, usage_estimated: false } });
  });
});
