// Streamed answers: the upstream chunks pass through unchanged, and one extra chunk carrying
// `delta.annotations` (annotations.ts, indexes over the streamed text of that choice) is sent
// right before each choice's finish chunk (the one with a finish_reason). A stream that ends
// without a finish chunk gets the annotations at its end.
import type { StreamEvents } from "@switchyard/providers";
import type { SearchResult } from "@switchyard/websearch";
import { citationsFor } from "./annotations.ts";

interface Chunk {
  id?: unknown;
  object?: unknown;
  created?: unknown;
  model?: unknown;
  system_fingerprint?: unknown;
  choices?: Array<{ index?: unknown; delta?: { content?: unknown }; finish_reason?: unknown }>;
}

export async function* annotateStream(events: StreamEvents, sources: readonly SearchResult[]): AsyncGenerator<string> {
  const texts = new Map<number, string>();
  const done = new Set<number>();
  let template: Chunk | undefined;
  const annotationChunk = (index: number): string =>
    JSON.stringify({
      id: template?.id,
      object: template?.object ?? "chat.completion.chunk",
      created: template?.created,
      model: template?.model,
      ...(template?.system_fingerprint !== undefined ? { system_fingerprint: template.system_fingerprint } : {}),
      choices: [{ index, delta: { annotations: citationsFor(texts.get(index) ?? "", sources) }, finish_reason: null }],
    });

  for await (const data of events) {
    let chunk: Chunk | undefined;
    try {
      chunk = JSON.parse(data) as Chunk;
    } catch {
      chunk = undefined;
    }
    const choices = Array.isArray(chunk?.choices) ? chunk.choices : [];
    if (choices.length > 0) template ??= chunk;
    for (const choice of choices) {
      const index = typeof choice.index === "number" ? choice.index : 0;
      if (!texts.has(index)) texts.set(index, "");
      if (typeof choice.delta?.content === "string") texts.set(index, texts.get(index)! + choice.delta.content);
      if (choice.finish_reason !== null && choice.finish_reason !== undefined && !done.has(index)) {
        done.add(index);
        yield annotationChunk(index);
      }
    }
    yield data;
  }
  for (const index of texts.keys()) if (!done.has(index)) yield annotationChunk(index);
}
