// The usage of an embeddings request: the input tokens the upstream reported, plus an estimate
// (o200k_base, metering's tokenizer) for inputs no answer counted (Gemini reports none), marked
// estimated. Embeddings have no output tokens.
import { countTextTokens, type NormalizedUsage } from "@switchyard/metering";
import type { EmbeddingInput, EmbeddingsResult } from "@switchyard/providers";

export function inputTokens(input: EmbeddingInput): number {
  return typeof input === "string" ? countTextTokens(input) : input.length;
}

export function embeddingsUsage(inputs: readonly EmbeddingInput[], result: Pick<EmbeddingsResult, "promptTokens" | "unreported">): NormalizedUsage {
  let promptTokens = result.promptTokens;
  for (const i of result.unreported) promptTokens += inputTokens(inputs[i]!);
  return { promptTokens, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: result.unreported.length > 0 };
}

/** What the request was going to cost, for a client that leaves before the answer. */
export function estimatedUsage(inputs: readonly EmbeddingInput[]): NormalizedUsage {
  return embeddingsUsage(inputs, { promptTokens: 0, unreported: inputs.map((_, i) => i) });
}
