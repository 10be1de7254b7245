// One mock response to `response.create`, as OpenAI's GA Realtime API streams it: response.created,
// the output item and content part, text deltas (response.output_text.delta) or audio and transcript
// deltas (response.output_audio.delta, response.output_audio_transcript.delta), their done events,
// and response.done with `usage`. A cancelled response ends with response.done status "cancelled"
// and the usage of what was produced.
import { Cancellation, sleep } from "../mock-sleep.ts";
import { AUDIO_BYTES_PER_TOKEN, type Conversation, newEventId, newItemId, newResponseId, OUTPUT_AUDIO_BYTES_PER_TOKEN, textTokens } from "./conversation.ts";
import type { RealtimeResponseScript } from "./types.ts";

export const DEFAULT_REPLY = "Hello from the realtime mock.";

export interface ResponseIo {
  /** False when the connection is no longer open. */
  send(event: Record<string, unknown>): boolean;
  sendBinary(bytes: Buffer): void;
  /** Ends the connection without a close frame. */
  drop(): void;
  delayMs: number;
}

export interface RunningResponse {
  id: string;
  cancellation: Cancellation;
  /** Resolves true when response.done was sent. */
  done: Promise<boolean>;
  /** response.cancel is taken no notice of (the script's ignoreCancel). */
  ignoresCancel: boolean;
}

export function startResponse(
  conv: Conversation,
  request: Record<string, unknown> | undefined,
  script: RealtimeResponseScript,
  io: ResponseIo,
  onDone: (done: { id: string; status: string; usage: Record<string, unknown> } | undefined) => void,
): RunningResponse {
  const id = script.id ?? newResponseId();
  const cancellation = new Cancellation();
  const done = run(conv, id, request ?? {}, script, io, cancellation).then((sent) => {
    onDone(sent);
    return sent !== undefined;
  });
  return { id, cancellation, done, ignoresCancel: script.ignoreCancel === true };
}

async function run(conv: Conversation, id: string, request: Record<string, unknown>, script: RealtimeResponseScript, io: ResponseIo, cancellation: Cancellation): Promise<{ id: string; status: string; usage: Record<string, unknown> } | undefined> {
  const modalities = (request.output_modalities ?? conv.session.output_modalities ?? ["audio"]) as string[];
  const audio = modalities[0] === "audio";
  const input = conv.input(typeof request.instructions === "string" ? request.instructions : undefined);
  const cached = { text: Math.min(conv.cached.text, input.text), audio: Math.min(conv.cached.audio, input.audio) };
  const itemId = newItemId();
  const words = (script.text ?? DEFAULT_REPLY).split(/(?<= )/);
  let sent = 0;
  let produced = "";
  const base = { object: "realtime.response", id, conversation_id: conv.conversationId, output_modalities: modalities, max_output_tokens: "inf", metadata: null, audio: { output: { format: { type: "audio/pcm", rate: 24000 }, voice: "alloy" } } };
  const item = (status: string) => ({ id: itemId, object: "realtime.item", type: "message", status, role: "assistant", content: [audio ? { type: "output_audio", transcript: produced } : { type: "output_text", text: produced }] });

  /** Sends one event; false once the response must stop (cancelled, or the connection was dropped on purpose). */
  const emit = async (event: Record<string, unknown>, onSent?: () => void): Promise<boolean> => {
    if (cancellation.cancelled) return false;
    if (script.dropAfterEvents !== undefined && sent >= script.dropAfterEvents) {
      io.drop();
      cancellation.cancel();
      return false;
    }
    io.send({ event_id: newEventId(), ...event });
    sent++;
    onSent?.(); // what was sent counts, even if the response is cancelled during the pause
    return io.delayMs > 0 ? sleep(io.delayMs, cancellation) : true;
  };

  const partKey = { response_id: id, item_id: itemId, output_index: 0, content_index: 0 };
  let ok =
    (await emit({ type: "response.created", response: { ...base, status: "in_progress", status_details: null, output: [], usage: null } })) &&
    (await emit({ type: "response.output_item.added", response_id: id, output_index: 0, item: { ...item("in_progress"), content: [] } })) &&
    (await emit({ type: "response.content_part.added", ...partKey, part: audio ? { type: "audio", transcript: "" } : { type: "text", text: "" } }));
  let audioBytes = 0;
  for (const [i, word] of words.entries()) {
    if (!ok) break;
    const said = () => (produced += word);
    if (audio) {
      const chunk = Buffer.alloc(AUDIO_BYTES_PER_TOKEN, i % 251);
      ok =
        (await emit({ type: "response.output_audio.delta", ...partKey, delta: chunk.toString("base64") }, () => (audioBytes += chunk.length))) &&
        (await emit({ type: "response.output_audio_transcript.delta", ...partKey, delta: word }, said));
    } else {
      ok = await emit({ type: "response.output_text.delta", ...partKey, delta: word }, said);
    }
    if (ok && script.binary && i === Math.floor(words.length / 2)) io.sendBinary(script.binary);
  }
  if (ok && script.hang) await new Promise<void>((resolve) => cancellation.onCancel(resolve));
  if (ok) {
    ok =
      (audio
        ? (await emit({ type: "response.output_audio.done", ...partKey })) && (await emit({ type: "response.output_audio_transcript.done", ...partKey, transcript: produced }))
        : await emit({ type: "response.output_text.done", ...partKey, text: produced })) &&
      (await emit({ type: "response.content_part.done", ...partKey, part: audio ? { type: "audio", transcript: produced } : { type: "text", text: produced } })) &&
      (await emit({ type: "response.output_item.done", response_id: id, output_index: 0, item: item("completed") }));
  }
  if (sent === 0 && !cancellation.cancelled) return undefined;
  // Completed, or cancelled by the client: response.done either way (not after a drop).
  if (script.dropAfterEvents !== undefined && sent >= script.dropAfterEvents) return undefined;
  const status = ok ? "completed" : "cancelled";
  const out = { text: textTokens(produced), audio: Math.ceil(audioBytes / OUTPUT_AUDIO_BYTES_PER_TOKEN) };
  const u = { inputTextTokens: input.text, inputAudioTokens: input.audio, cachedTextTokens: cached.text, cachedAudioTokens: cached.audio, outputTextTokens: out.text, outputAudioTokens: out.audio, ...script.usage };
  const inputTokens = u.inputTextTokens + u.inputAudioTokens;
  const outputTokens = u.outputTextTokens + u.outputAudioTokens;
  const usage = {
    total_tokens: inputTokens + outputTokens,
    input_tokens: inputTokens,
    output_tokens: outputTokens,
    input_token_details: {
      text_tokens: u.inputTextTokens,
      audio_tokens: u.inputAudioTokens,
      image_tokens: 0,
      cached_tokens: u.cachedTextTokens + u.cachedAudioTokens,
      cached_tokens_details: { text_tokens: u.cachedTextTokens, audio_tokens: u.cachedAudioTokens, image_tokens: 0 },
    },
    output_token_details: { text_tokens: u.outputTextTokens, audio_tokens: u.outputAudioTokens },
  };
  conv.cached = input;
  if (status === "completed") conv.addItem(item("completed"));
  const sentDone = io.send({
    event_id: newEventId(),
    type: "response.done",
    response: { ...base, status, status_details: status === "cancelled" ? { type: "cancelled", reason: "client_cancelled" } : null, output: [item(status === "completed" ? "completed" : "incomplete")], usage },
  });
  return sentDone ? { id, status, usage } : undefined;
}
