// Server-sent events of a Messages stream, with their event names (message_start, ping,
// content_block_delta, error, …). The caller decides whether the body ended too early; a failing
// connection, or an event larger than `maxEventBytes`, is a StreamInterruptedError.
import { interrupted, sseReader } from "../sse-reader.ts";

export interface SseEvent {
  event: string;
  data: string;
}

export async function* sseEvents(body: AsyncIterable<Uint8Array>, maxEventBytes: number): AsyncGenerator<SseEvent> {
  const reader = sseReader(maxEventBytes);
  const { events } = reader;
  try {
    for await (const chunk of body) {
      reader.feed(chunk);
      while (events.length > 0) {
        const e = events.shift()!;
        yield { event: e.event ?? "message", data: e.data };
      }
    }
  } catch (error) {
    throw interrupted(error);
  }
}
