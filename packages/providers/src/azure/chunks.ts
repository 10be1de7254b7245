// Azure's chat stream is OpenAI's plus content-filter annotations. Two kinds of chunk are not
// valid OpenAI chunks and break OpenAI clients: the prompt-filter chunk that opens the stream
// ({"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[…]}) and,
// with asynchronous filtering, choices without a `delta` that carry only content_filter_results
// / content_filter_offsets. Both carry an empty id; they are dropped. Filter results riding on
// ordinary chunks pass through untouched. (Azure "Content filtering" docs; reports in
// Azure/azure-sdk-for-go#21086 and microsoft/autogen#6465.)

const ANNOTATION = /"id"\s*:\s*""/;

/** The chunk without annotation-only choices; null when nothing is left to send. */
function clean(data: string): string | null {
  const chunk = JSON.parse(data) as { choices?: Array<Record<string, unknown>>; usage?: unknown };
  const choices = (chunk.choices ?? []).filter((c) => c.delta !== undefined || c.finish_reason != null);
  if (choices.length === 0 && chunk.usage == null) return null;
  return choices.length === chunk.choices?.length ? data : JSON.stringify({ ...chunk, choices });
}

export async function* withoutAnnotations(events: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const data of events) {
    if (!ANNOTATION.test(data)) {
      yield data;
      continue;
    }
    const kept = clean(data);
    if (kept !== null) yield kept;
  }
}
