// Each server-sent event's data until the body ends, for the streams that, unlike chat
// completions, have no `[DONE]` (one is skipped if sent): the Responses API's events, speech
// `speech.audio.delta` / `speech.audio.done`, transcription `transcript.text.delta` /
// `transcript.text.done`. A body that fails midway, or sends an event larger than
// `maxEventBytes`, throws StreamInterruptedError.
import { interrupted, sseReader } from "./sse-reader.ts";

export async function* sseData(body: AsyncIterable<Uint8Array>, maxEventBytes: number): AsyncGenerator<string> {
  const reader = sseReader(maxEventBytes);
  const { events } = reader;
  try {
    for await (const chunk of body) {
      reader.feed(chunk);
      while (events.length > 0) {
        const data = events.shift()!.data;
        if (data !== "[DONE]") yield data;
      }
    }
  } catch (error) {
    throw interrupted(error);
  }
  reader.end();
  for (const { data } of events) if (data !== "[DONE]") yield data;
}
