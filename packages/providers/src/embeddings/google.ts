// Embeddings on Google AI Studio (the Gemini API): POST
// {root}/v1beta/models/{model}:batchEmbedContents with up to 100 requests, each
// {model: "models/{model}", content: {parts: [{text}]}, taskType?, outputDimensionality?};
// the answer is {embeddings: [{values}]} in request order, without token counts (the gateway
// estimates them). Token arrays cannot be sent: Gemini takes text only.
// (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents)
import { isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import { googleFailure } from "../google/errors.ts";
import type { UpstreamHttp } from "../http.ts";
import { providerAuthHeaders } from "../provider-headers.ts";
import type { UpstreamFailure } from "../types.ts";
import { inBatches, type BatchOutcome } from "./batches.ts";
import { malformedAnswer, unsupported, type EmbeddingInput, type EmbeddingsAdapter, type EmbeddingVector } from "./types.ts";
import { isVector } from "./vectors.ts";

export const GEMINI_MAX_BATCH = 100;

/** Cohere-style input types (Switchyard's `input_type`) → Gemini TaskType; Gemini's own names pass as they are. */
const TASK_TYPES: Record<string, string> = {
  search_document: "RETRIEVAL_DOCUMENT",
  search_query: "RETRIEVAL_QUERY",
  classification: "CLASSIFICATION",
  clustering: "CLUSTERING",
};
const GEMINI_TASK_TYPES = new Set(["RETRIEVAL_QUERY", "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY"]);

export function geminiTaskType(inputType: string | undefined): string | undefined | UpstreamFailure {
  if (inputType === undefined) return undefined;
  const taskType = TASK_TYPES[inputType] ?? (GEMINI_TASK_TYPES.has(inputType) ? inputType : undefined);
  return taskType ?? unsupported("input_type", `Google AI Studio takes input_type ${Object.keys(TASK_TYPES).join(", ")} or a Gemini task type (${[...GEMINI_TASK_TYPES].join(", ")}).`);
}

export function googleEmbeddings(http: UpstreamHttp): EmbeddingsAdapter {
  return {
    async embed(request) {
      const { target, signal } = request;
      if (request.inputs.some((input) => typeof input !== "string")) return unsupported("input", `${target.provider.name} embeds text only: send strings, not token arrays.`);
      const taskType = geminiTaskType(request.inputType);
      if (typeof taskType === "object") return taskType;
      const model = `models/${target.upstreamModel}`;
      const url = `${target.baseUrl.replace(/\/+$/, "")}/v1beta/models/${encodeURIComponent(target.upstreamModel)}:batchEmbedContents`;
      const headers = Object.assign(providerAuthHeaders(target), { "content-type": "application/json", accept: "application/json" });
      const send = async (batch: readonly EmbeddingInput[]): Promise<BatchOutcome> => {
        const requests = batch.map((text) => ({
          model,
          content: { parts: [{ text }] },
          ...(taskType ? { taskType } : {}),
          ...(request.dimensions !== undefined ? { outputDimensionality: request.dimensions } : {}),
        }));
        let res;
        try {
          res = await http.send(url, { method: "POST", headers, body: JSON.stringify({ requests }), signal, untrusted: target.untrustedUrl });
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return transportFailure(error);
        }
        if (res.statusCode !== 200) return googleFailure(res.statusCode, res.headers, res.body);
        let body: { embeddings?: Array<{ values?: unknown }> };
        try {
          body = (await http.json(res.body)) as typeof body;
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return unreadableAnswer(error);
        }
        const values = Array.isArray(body?.embeddings) ? body.embeddings.map((e) => e?.values) : undefined;
        if (!values || !values.every(isVector)) return malformedAnswer("no embeddings[].values");
        return { ok: true, value: { vectors: values as EmbeddingVector[], promptTokens: null, model: target.upstreamModel } };
      };
      return inBatches(request.inputs, { size: GEMINI_MAX_BATCH, concurrency: 4 }, send);
    },
  };
}
