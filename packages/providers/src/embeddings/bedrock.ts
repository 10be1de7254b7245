// Embeddings on Amazon Bedrock through InvokeModel (POST {runtime}/model/{modelId}/invoke,
// SigV4-signed like the Converse adapter), in each model family's own body:
//   Titan Text Embeddings (amazon.titan-embed-text-v2:0, -v1): one input per call,
//     {inputText, dimensions? (v2: 256, 512 or 1024), normalize: true} → {embedding, inputTextTokenCount}
//   Cohere Embed v3 (cohere.embed-english-v3, cohere.embed-multilingual-v3): up to 96 texts,
//     {texts, input_type, embedding_types: ["float"]} → {embeddings: {float: [[…]]}}, the token
//     count in the x-amzn-bedrock-input-token-count header.
// Text only: token arrays are refused. (docs.aws.amazon.com/bedrock/latest/userguide/
// model-parameters-titan-embed-text.html and model-parameters-embed-v3.html)
import { parseAwsCredentials, type AwsCredentials } from "../bedrock/credentials.ts";
import { modelPath, runtimeRoot } from "../bedrock/endpoint.ts";
import { bedrockHttpFailure } from "../bedrock/errors.ts";
import { signedHeaders } from "../bedrock/sign.ts";
import { isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import type { UpstreamHttp } from "../http.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";
import { inBatches, type BatchOutcome, type BatchPlan } from "./batches.ts";
import { malformedAnswer, unsupported, type EmbeddingInput, type EmbeddingsAdapter, type EmbeddingsRequest, type EmbeddingVector } from "./types.ts";
import { isVector } from "./vectors.ts";

const COHERE_INPUT_TYPES = ["search_document", "search_query", "classification", "clustering"];
const TITAN_V2_DIMENSIONS = [256, 512, 1024];

type Json = Record<string, unknown>;

interface Family {
  plan: BatchPlan;
  body(batch: readonly string[]): Json;
  read(body: unknown, tokenHeader: number | null): { vectors: EmbeddingVector[]; promptTokens: number | null } | undefined;
}

function titan(request: EmbeddingsRequest, v2: boolean): Family | UpstreamFailure {
  const model = request.target.upstreamModel;
  if (request.dimensions !== undefined && !(v2 && TITAN_V2_DIMENSIONS.includes(request.dimensions))) {
    return unsupported("dimensions", v2 ? `${model} makes vectors of 256, 512 or 1024 dimensions.` : `${model} has a fixed size: leave out dimensions.`);
  }
  if (request.inputType !== undefined) return unsupported("input_type", `${model} takes no input_type.`);
  return {
    // One input per call: a 2,048-input request is 2,048 calls, 8 in flight (each answer is one
    // vector of at most 1,536 floats, so memory stays small; more would only meet Bedrock's
    // per-minute request quota sooner).
    plan: { size: 1, concurrency: 8 },
    body: ([text]) => (v2 ? { inputText: text, normalize: true, ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}) } : { inputText: text }),
    read(body) {
      const o = (body ?? {}) as Json;
      if (!isVector(o.embedding) || typeof o.embedding === "string") return undefined;
      const tokens = o.inputTextTokenCount;
      return { vectors: [o.embedding], promptTokens: typeof tokens === "number" && Number.isSafeInteger(tokens) && tokens >= 0 ? tokens : null };
    },
  };
}

function cohere(request: EmbeddingsRequest): Family | UpstreamFailure {
  const model = request.target.upstreamModel;
  if (request.dimensions !== undefined) return unsupported("dimensions", `${model} has a fixed size: leave out dimensions.`);
  const inputType = request.inputType ?? "search_document";
  if (!COHERE_INPUT_TYPES.includes(inputType)) return unsupported("input_type", `${model} takes input_type ${COHERE_INPUT_TYPES.join(", ")}.`);
  return {
    plan: { size: 96, concurrency: 4 },
    body: (texts) => ({ texts, input_type: inputType, embedding_types: ["float"] }),
    read(body, tokenHeader) {
      const embeddings = ((body ?? {}) as Json).embeddings;
      const floats = Array.isArray(embeddings) ? embeddings : ((embeddings ?? {}) as Json).float;
      if (!Array.isArray(floats) || !floats.every((v) => isVector(v) && typeof v !== "string")) return undefined;
      return { vectors: floats as EmbeddingVector[], promptTokens: tokenHeader };
    },
  };
}

function familyOf(request: EmbeddingsRequest): Family | UpstreamFailure {
  const model = request.target.upstreamModel;
  if (model.includes("amazon.titan-embed-text-v1")) return titan(request, false);
  if (model.includes("amazon.titan-embed-text")) return titan(request, true);
  if (model.includes("cohere.embed")) return cohere(request);
  return unsupported("model", `${model} is not a Bedrock embedding model Switchyard can call (Titan Text Embeddings or Cohere Embed).`);
}

function tokenCount(header: string | string[] | undefined): number | null {
  const n = typeof header === "string" ? Number(header) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

async function invoke(http: UpstreamHttp, target: UpstreamTarget, credentials: AwsCredentials, body: Json, signal: AbortSignal) {
  const path = modelPath(target.upstreamModel, false).replace(/\/converse$/, "/invoke");
  const url = new URL(`${runtimeRoot(target.baseUrl, credentials.region)}${path}`);
  const init = { method: "POST" as const, headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) };
  const headers = await signedHeaders(url, init, credentials);
  return http.send(url.toString(), { method: "POST", headers, body: init.body, signal, untrusted: target.untrustedUrl });
}

export function bedrockEmbeddings(http: UpstreamHttp): EmbeddingsAdapter {
  return {
    async embed(request) {
      const { target, signal } = request;
      const credentials = parseAwsCredentials(target.secret);
      if ("ok" in credentials) return credentials;
      if (request.inputs.some((input) => typeof input !== "string")) return unsupported("input", `${target.provider.name} embeds text only: send strings, not token arrays.`);
      const family = familyOf(request);
      if ("ok" in family) return family;
      const send = async (batch: readonly EmbeddingInput[]): Promise<BatchOutcome> => {
        let res;
        try {
          res = await invoke(http, target, credentials, family.body(batch as string[]), signal);
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return transportFailure(error);
        }
        if (res.statusCode !== 200) return bedrockHttpFailure(res.statusCode, res.headers, res.body);
        let body: unknown;
        try {
          body = await http.json(res.body);
        } catch (error) {
          if (isAbort(error, signal)) throw error;
          return unreadableAnswer(error, "Bedrock sent an unreadable response.");
        }
        const read = family.read(body, tokenCount(res.headers["x-amzn-bedrock-input-token-count"]));
        return read ? { ok: true, value: { ...read, model: target.upstreamModel } } : malformedAnswer("no embedding");
      };
      return inBatches(request.inputs, family.plan, send);
    },
  };
}
