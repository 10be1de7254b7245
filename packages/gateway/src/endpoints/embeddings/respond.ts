// OpenAI's embeddings answer, in the encoding the client asked for whatever the upstream sent:
// {"object": "list", "data": [{"object": "embedding", "index", "embedding"}], "model",
//  "usage": {"prompt_tokens", "total_tokens", …Switchyard's cost fields}}.
// Everything that can fail is checked first (before the request is billed); the body is then
// written piece by piece as the client reads it, each vector dropped once written, so the answer
// is never held whole (2048 vectors of 3072 floats are about 130 MB of JSON).
import type { UsageResponseFields } from "@switchyard/metering";
import { asBase64, asFloats, type EmbeddingsResult, type EmbeddingVector } from "@switchyard/providers";
import { SwitchyardError } from "@switchyard/core";

/** About this many characters per piece written. */
const PIECE_CHARS = 64 * 1024;
const encoder = new TextEncoder();

const wholeFloat32 = (vector: EmbeddingVector): boolean => typeof vector !== "string" || Buffer.byteLength(vector, "base64") % 4 === 0;

export type AnswerBody = (promptTokens: number, cost: UsageResponseFields) => ReadableStream<Uint8Array>;

/** Checks the vectors, then returns the writer of the answer's body. Takes over `result.vectors` (emptied as written). */
export function embeddingsAnswer(result: EmbeddingsResult, encoding: "float" | "base64"): AnswerBody {
  if (encoding === "float" && !result.vectors.every(wholeFloat32)) throw new SwitchyardError("upstream_error", "The upstream provider sent a base64 embedding that is not float32 values.");
  const vectors: Array<EmbeddingVector | undefined> = result.vectors;
  const item = (index: number): string => {
    const vector = vectors[index]!;
    vectors[index] = undefined;
    return JSON.stringify({ object: "embedding", index, embedding: encoding === "base64" ? asBase64(vector) : asFloats(vector) });
  };
  return (promptTokens, cost) => {
    let next = 0;
    return new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          let piece = next === 0 ? '{"object":"list","data":[' : "";
          while (next < vectors.length && piece.length < PIECE_CHARS) piece += (next > 0 ? "," : "") + item(next++);
          if (next < vectors.length) return controller.enqueue(encoder.encode(piece));
          const usage = { prompt_tokens: promptTokens, total_tokens: promptTokens, ...cost };
          controller.enqueue(encoder.encode(`${piece}],"model":${JSON.stringify(result.model)},"usage":${JSON.stringify(usage)}}`));
          controller.close();
        },
        cancel() {
          vectors.length = 0;
        },
      },
      { highWaterMark: 0 },
    );
  };
}
