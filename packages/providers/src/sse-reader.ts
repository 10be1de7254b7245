// The one server-sent-events reader behind every upstream stream the gateway relays (chat,
// Responses, Gemini, Anthropic, speech, transcriptions), on eventsource-parser. An event is held
// in memory until its blank line arrives, so one event may hold at most `maxEventBytes`
// (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB): an upstream that never ends an event (a broken or hostile
// endpoint, e.g. a tenant's custom provider) would otherwise fill the gateway's memory.
import { createParser, type EventSourceMessage } from "eventsource-parser";

export class StreamInterruptedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreamInterruptedError";
  }
}

export interface SseReader {
  /** Complete events, in order, as fed so far; the caller takes them out. */
  readonly events: EventSourceMessage[];
  /** Feeds one chunk of the body. Throws StreamInterruptedError once an event outgrows the limit. */
  feed(chunk: Uint8Array): void;
  /** The body ended: an event it left without its blank line is dispatched too. */
  end(): void;
}

export function sseReader(maxEventBytes: number): SseReader {
  const events: EventSourceMessage[] = [];
  // Bytes fed since the last complete event (a chunk that completes one and starts the next
  // counts from zero again, so an event may exceed the limit by up to one chunk before it is cut).
  let sinceEvent = 0;
  const parser = createParser({
    onEvent: (event) => {
      sinceEvent = 0;
      events.push(event);
    },
  });
  const decoder = new TextDecoder();
  return {
    events,
    feed(chunk) {
      sinceEvent += chunk.byteLength;
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (sinceEvent > maxEventBytes) {
        throw new StreamInterruptedError(
          `The upstream provider sent a stream event larger than ${maxEventBytes} bytes, the most this gateway holds (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB).`,
        );
      }
    },
    end() {
      parser.feed("\n\n");
    },
  };
}

/** A failure while reading an upstream stream, as the readers report it. */
export function interrupted(error: unknown): Error {
  if ((error as Error).name === "AbortError" || error instanceof StreamInterruptedError) return error as Error;
  return new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
}
