// Server-sent events from an upstream body, as the data of each event (eventsource-parser).
import { createParser } from "eventsource-parser";

export class StreamInterruptedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StreamInterruptedError";
  }
}

/**
 * Yields each event's data until `[DONE]`; throws StreamInterruptedError if the body ends or
 * fails first. After `[DONE]` the rest of the body (normally just its end) is read and dropped,
 * as OpenAI's SDKs do: leaving the body early would destroy it, which costs an AbortError and
 * can cost the keep-alive connection.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const pending: string[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event.data) });
  const decoder = new TextDecoder();
  let finished = false;
  try {
    for await (const chunk of body) {
      if (finished) continue;
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) {
        const data = pending.shift()!;
        if (data === "[DONE]") {
          finished = true;
          break;
        }
        yield data;
      }
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    if (finished) return; // everything was delivered; only the end of the body failed
    throw new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
  }
  if (!finished) throw new StreamInterruptedError("The upstream stream ended before [DONE].");
}
