// Reads an OpenAI embeddings answer ({"data": [{"index", "embedding"}], "model", "usage"}):
// vectors put in `index` order (which must cover 0…n-1 exactly), usage.prompt_tokens when
// present. Shared by the OpenAI-compatible and Azure adapters.
import type { BatchOutcome } from "./batches.ts";
import { malformedAnswer, type EmbeddingVector } from "./types.ts";
import { isVector } from "./vectors.ts";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function readOpenAIAnswer(body: unknown, expected: number, fallbackModel: string): BatchOutcome {
  if (!isRecord(body) || !Array.isArray(body.data)) return malformedAnswer("no data array");
  if (body.data.length !== expected) return malformedAnswer(`${body.data.length} vectors for ${expected} inputs`);
  const vectors = new Array<EmbeddingVector | undefined>(expected);
  for (const item of body.data) {
    const index = isRecord(item) ? item.index : undefined;
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= expected || vectors[index] !== undefined) return malformedAnswer("bad or repeated index");
    if (!isVector(item.embedding)) return malformedAnswer(`no vector at index ${index}`);
    vectors[index] = item.embedding;
  }
  const usage = isRecord(body.usage) ? body.usage.prompt_tokens : undefined;
  const promptTokens = typeof usage === "number" && Number.isSafeInteger(usage) && usage >= 0 ? usage : null;
  return { ok: true, value: { vectors: vectors as EmbeddingVector[], promptTokens, model: typeof body.model === "string" ? body.model : fallbackModel } };
}
