// Server-sent events from an upstream chat completions body, as the data of each event.
import { interrupted, sseReader, StreamInterruptedError } from "./sse-reader.ts";

export { StreamInterruptedError };

/**
 * Yields each event's data until `[DONE]`; throws StreamInterruptedError if the body ends or
 * fails first, or sends an event larger than `maxEventBytes`. After `[DONE]` the rest of the body
 * (normally just its end) is read and dropped, as OpenAI's SDKs do: leaving the body early would
 * destroy it, which costs an AbortError and can cost the keep-alive connection.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>, maxEventBytes: number): AsyncGenerator<string> {
  const reader = sseReader(maxEventBytes);
  const { events } = reader;
  let finished = false;
  try {
    for await (const chunk of body) {
      if (finished) continue;
      reader.feed(chunk);
      while (events.length > 0) {
        const data = events.shift()!.data;
        if (data === "[DONE]") {
          finished = true;
          break;
        }
        yield data;
      }
    }
  } catch (error) {
    if (finished && (error as Error).name !== "AbortError") return; // everything was delivered; only the end of the body failed
    throw interrupted(error);
  }
  if (!finished) throw new StreamInterruptedError("The upstream stream ended before [DONE].");
}
