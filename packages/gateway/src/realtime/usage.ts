// The usage of a realtime response, from its `response.done` event: response.usage =
// {total_tokens, input_tokens, output_tokens, input_token_details{text_tokens, audio_tokens,
// image_tokens, cached_tokens, cached_tokens_details{text_tokens, audio_tokens}},
// output_token_details{text_tokens, audio_tokens}} in the metering's shape (audio and image
// tokens as parts of the totals). Null when the event carries no usable usage.
import { isRecord, type NormalizedUsage } from "@switchyard/metering";
import { frameType, parseEvent } from "./frame-head.ts";

const count = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) && v >= 0 ? v : null);
const optional = (v: unknown): number => count(v) ?? 0;

export function realtimeUsage(usage: unknown): NormalizedUsage | null {
  if (!isRecord(usage)) return null;
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  if (input === null || output === null) return null;
  const inDetails = isRecord(usage.input_token_details) ? usage.input_token_details : {};
  const cachedDetails = isRecord(inDetails.cached_tokens_details) ? inDetails.cached_tokens_details : {};
  const outDetails = isRecord(usage.output_token_details) ? usage.output_token_details : {};
  const cached = Math.min(optional(inDetails.cached_tokens), input);
  const normalized: NormalizedUsage = { promptTokens: input, completionTokens: output, cachedTokens: cached, reasoningTokens: 0, estimated: false };
  const audioIn = Math.min(optional(inDetails.audio_tokens), input);
  const cachedAudio = Math.min(optional(cachedDetails.audio_tokens), cached, audioIn);
  const imageIn = Math.min(optional(inDetails.image_tokens), input - audioIn);
  const audioOut = Math.min(optional(outDetails.audio_tokens), output);
  if (audioIn > 0) normalized.audioInputTokens = audioIn;
  if (cachedAudio > 0) normalized.cachedAudioTokens = cachedAudio;
  if (imageIn > 0) normalized.imageInputTokens = imageIn;
  if (audioOut > 0) normalized.audioOutputTokens = audioOut;
  return normalized;
}

/** The server event a text frame carries, when it is one the relay bills from; else undefined. Only those two types are parsed. */
export function billingEvent(frame: Buffer, type: string | undefined = frameType(frame)): { type: "response.created" | "response.done"; response: Record<string, unknown>; event: Record<string, unknown> } | undefined {
  if (type !== "response.done" && type !== "response.created") return undefined;
  const event = parseEvent(frame);
  if (!event || !isRecord(event.response)) return undefined;
  if (event.type === "response.done" || event.type === "response.created") return { type: event.type, response: event.response, event };
  return undefined;
}

/** The response.done event with the gateway's cost fields added to `response.usage` (as chat adds them to its usage). */
export function withCostFields(event: Record<string, unknown>, response: Record<string, unknown>, fields: Record<string, unknown>): string | undefined {
  if (!isRecord(response.usage)) return undefined; // no usage object: nowhere to put a cost
  return JSON.stringify({ ...event, response: { ...response, usage: { ...response.usage, ...fields } } });
}
