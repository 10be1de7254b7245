// Each server-sent event's data until the body ends, for the streams that, unlike chat
// completions, have no `[DONE]` (one is skipped if sent): the Responses API's events, speech
// `speech.audio.delta` / `speech.audio.done`, transcription `transcript.text.delta` /
// `transcript.text.done`. A body that fails midway throws StreamInterruptedError.
import { createParser } from "eventsource-parser";
import { StreamInterruptedError } from "./sse.ts";

export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const pending: string[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event.data) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) {
        const data = pending.shift()!;
        if (data !== "[DONE]") yield data;
      }
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
  }
  parser.feed("\n\n");
  for (const data of pending) if (data !== "[DONE]") yield data;
}
