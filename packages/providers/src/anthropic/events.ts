// Server-sent events of a Messages stream, with their event names (message_start, ping,
// content_block_delta, error, …), parsed by eventsource-parser. The caller decides whether the
// body ended too early; a failing connection is a StreamInterruptedError.
import { createParser } from "eventsource-parser";
import { StreamInterruptedError } from "../sse.ts";

export interface SseEvent {
  event: string;
  data: string;
}

export async function* sseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<SseEvent> {
  const pending: SseEvent[] = [];
  const parser = createParser({ onEvent: (e) => pending.push({ event: e.event ?? "message", data: e.data }) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) yield pending.shift()!;
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
  }
}
