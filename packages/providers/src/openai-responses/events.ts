// The Responses API's server-sent events (`event: response.output_text.delta` / `data: {…}`).
// Unlike chat completions the stream has no `[DONE]`: it ends after response.completed /
// response.incomplete / response.failed, which the translator checks.
import { sseData } from "../sse-data.ts";
import type { StreamEvent } from "./types.ts";

export async function* responseEvents(body: AsyncIterable<Uint8Array>, maxEventBytes: number): AsyncGenerator<StreamEvent> {
  for await (const data of sseData(body, maxEventBytes)) yield JSON.parse(data) as StreamEvent;
}
