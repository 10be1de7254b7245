// Server-sent events from an upstream body, as the data of each event (eventsource-parser).
import { createParser } from "eventsource-parser";

export class StreamInterruptedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreamInterruptedError";
  }
}

/** Yields each event's data until `[DONE]`; throws StreamInterruptedError if the body ends or fails first. */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const pending: string[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event.data) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) {
        const data = pending.shift()!;
        if (data === "[DONE]") return;
        yield data;
      }
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
  }
  throw new StreamInterruptedError("The upstream stream ended before [DONE].");
}
