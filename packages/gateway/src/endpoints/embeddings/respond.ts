// OpenAI's embeddings answer, in the encoding the client asked for whatever the upstream sent:
// {"object": "list", "data": [{"object": "embedding", "index", "embedding"}], "model",
//  "usage": {"prompt_tokens", "total_tokens", …Switchyard's cost fields}}.
import type { UsageResponseFields } from "@switchyard/metering";
import { asBase64, asFloats, type EmbeddingsResult } from "@switchyard/providers";
import { SwitchyardError } from "@switchyard/core";

export function embeddingsAnswer(result: EmbeddingsResult, encoding: "float" | "base64", promptTokens: number, cost: UsageResponseFields): string {
  const data = result.vectors.map((vector, index) => {
    const embedding = encoding === "base64" ? asBase64(vector) : asFloats(vector);
    if (embedding === undefined) throw new SwitchyardError("upstream_error", "The upstream provider sent a base64 embedding that is not float32 values.");
    return { object: "embedding", index, embedding };
  });
  return JSON.stringify({ object: "list", data, model: result.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens, ...cost } });
}
