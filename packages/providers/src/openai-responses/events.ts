// The Responses API's server-sent events (`event: response.output_text.delta` / `data: {…}`),
// parsed with eventsource-parser. Unlike chat completions the stream has no `[DONE]`: it ends
// after response.completed / response.incomplete / response.failed, which the translator checks.
import { createParser } from "eventsource-parser";
import { StreamInterruptedError } from "../sse.ts";
import type { StreamEvent } from "./types.ts";

export async function* responseEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamEvent> {
  const pending: string[] = [];
  const parser = createParser({ onEvent: (event) => pending.push(event.data) });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) {
        const data = pending.shift()!;
        if (data === "[DONE]") continue;
        yield JSON.parse(data) as StreamEvent;
      }
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new StreamInterruptedError("The upstream connection failed mid-stream.", { cause: error });
  }
}
