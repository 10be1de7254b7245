// POST /v1beta/models/{model}:batchEmbedContents, as the Gemini API answers it
// (https://ai.google.dev/api/embeddings#method:-models.batchembedcontents): 1–100 requests, each
// naming the same `models/{model}` as the path, with text parts, an optional TaskType and
// outputDimensionality (gemini-embedding-001: 3072 components by default, at most 3072). The
// answer is {"embeddings": [{"values": [...]}]} in request order, with no token counts (the
// Gemini API reports none for embeddings; only Vertex AI adds statistics).
import type { ServerResponse } from "node:http";
import { mockEmbedding } from "../embeddings/vectors.ts";
import { type Cancellation, sleep } from "../mock-sleep.ts";
import type { RecordedRequest } from "../mock-types.ts";
import { defaultError, googleError, type GoogleErrorResponse } from "./errors.ts";
import { sendJson } from "./respond.ts";
import type { GeminiBehaviour } from "./types.ts";

export const MAX_BATCH_EMBED_REQUESTS = 100;
const TASK_TYPES = new Set(["TASK_TYPE_UNSPECIFIED", "RETRIEVAL_QUERY", "RETRIEVAL_DOCUMENT", "SEMANTIC_SIMILARITY", "CLASSIFICATION", "CLUSTERING", "QUESTION_ANSWERING", "FACT_VERIFICATION", "CODE_RETRIEVAL_QUERY"]);
const NATIVE_DIMENSIONS: Record<string, number> = { "gemini-embedding-001": 3072, "text-embedding-004": 768 };

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const violation = (field: string, description: string): GoogleErrorResponse =>
  googleError(400, `* BatchEmbedContentsRequest.${field}: ${description}`, [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: `requests.${field}`, description }] }]);

interface EmbedPlan {
  texts: string[];
  dimensions: number[];
}

function readBatch(body: unknown, model: string): EmbedPlan | GoogleErrorResponse {
  if (!isRecord(body) || !Array.isArray(body.requests)) return googleError(400, "* BatchEmbedContentsRequest.requests: requests is required");
  const { requests } = body;
  if (requests.length === 0) return googleError(400, "* BatchEmbedContentsRequest.requests: requests is required");
  if (requests.length > MAX_BATCH_EMBED_REQUESTS) return googleError(400, `* BatchEmbedContentsRequest.requests: at most ${MAX_BATCH_EMBED_REQUESTS} requests can be in one batch`);
  const native = NATIVE_DIMENSIONS[model] ?? 768;
  const plan: EmbedPlan = { texts: [], dimensions: [] };
  for (const [i, request] of requests.entries()) {
    if (!isRecord(request)) return violation(`requests[${i}]`, "must be an EmbedContentRequest");
    if (request.model !== `models/${model}`) return googleError(400, `Model name in requests[${i}] (${String(request.model)}) does not match the model of the batch (models/${model}).`);
    const parts = isRecord(request.content) && Array.isArray(request.content.parts) ? request.content.parts : undefined;
    if (!parts || parts.length === 0) return violation(`requests[${i}].content`, "content must have at least one part");
    const texts = parts.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : undefined));
    if (texts.some((text) => text === undefined)) return violation(`requests[${i}].content.parts`, "only text parts can be embedded");
    const text = texts.join("");
    if (text === "") return violation(`requests[${i}].content`, "text content is empty");
    if (request.taskType !== undefined && !(typeof request.taskType === "string" && TASK_TYPES.has(request.taskType))) {
      return googleError(400, `Invalid value at 'requests[${i}].task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), ${JSON.stringify(request.taskType)}`);
    }
    const size = request.outputDimensionality;
    if (size !== undefined && !(typeof size === "number" && Number.isInteger(size) && size >= 1 && size <= native)) {
      return violation(`requests[${i}].output_dimensionality`, `output_dimensionality must be between 1 and ${native}`);
    }
    plan.texts.push(text);
    plan.dimensions.push(typeof size === "number" ? size : native);
  }
  return plan;
}

export async function batchEmbed(record: RecordedRequest, res: ServerResponse, model: string, behaviour: () => GeminiBehaviour | undefined, cancellation: Cancellation): Promise<void> {
  const fail = (error: GoogleErrorResponse): void => sendJson(res, error.status, error.body, error.headers);
  try {
    record.body = JSON.parse(record.rawBody) as unknown;
  } catch {
    return fail(googleError(400, "Invalid JSON payload received. Unexpected token."));
  }
  const plan = readBatch(record.body, model);
  if ("status" in plan) return fail(plan);
  const chosen = behaviour() ?? {};
  if (chosen.firstByteDelayMs && !(await sleep(chosen.firstByteDelayMs, cancellation))) return;
  if (chosen.error) {
    const known = defaultError(chosen.error.status, model);
    return sendJson(res, chosen.error.status, chosen.error.body ?? known.body, { ...known.headers, ...chosen.error.headers });
  }
  sendJson(res, 200, { embeddings: plan.texts.map((text, i) => ({ values: mockEmbedding(model, text, plan.dimensions[i]!) })) });
}
