// Embeddings on OpenAI and OpenAI-compatible providers: POST {baseUrl}/embeddings with the
// client's parameters (unknown ones passed through), at most 2048 inputs and 300,000 tokens per
// request (OpenAI's limits), the encoding the client asked for.
// (https://platform.openai.com/docs/api-reference/embeddings/create)
import type { UpstreamHttp } from "../http.ts";
import { readJson, sendUpstream } from "../openai-responses/send.ts";
import { upstreamHeaders } from "../openai-compatible/request.ts";
import { inBatches, type BatchOutcome } from "./batches.ts";
import { readOpenAIAnswer } from "./openai-answer.ts";
import type { EmbeddingInput, EmbeddingsAdapter, EmbeddingsRequest } from "./types.ts";

/** OpenAI's limits per embeddings request (Azure's are the same). */
export const OPENAI_BATCH = { size: 2048, maxTokens: 300_000, concurrency: 4 } as const;

export function openAIBody(request: EmbeddingsRequest, batch: readonly EmbeddingInput[], model: string, encoding: "float" | "base64" | undefined): string {
  const body: Record<string, unknown> = Object.assign({}, request.passthrough, { model, input: batch });
  if (encoding !== undefined) body.encoding_format = encoding;
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (request.user !== undefined) body.user = request.user;
  return JSON.stringify(body);
}

export function openAIEmbeddings(http: UpstreamHttp): EmbeddingsAdapter {
  return {
    embed(request) {
      const { target, signal } = request;
      const send = async (batch: readonly EmbeddingInput[]): Promise<BatchOutcome> => {
        const sent = await sendUpstream(http, `${target.baseUrl}/embeddings`, {
          method: "POST",
          headers: upstreamHeaders(target, false),
          body: openAIBody(request, batch, target.upstreamModel, request.encoding),
          signal,
          untrusted: target.untrustedUrl,
        });
        if (!sent.ok) return sent;
        const read = await readJson<unknown>(http, sent.res, signal);
        return read.ok ? readOpenAIAnswer(read.value, batch.length, target.upstreamModel) : read;
      };
      return inBatches(request.inputs, OPENAI_BATCH, send);
    },
  };
}
