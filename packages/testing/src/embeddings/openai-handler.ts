// POST …/embeddings on the OpenAI-compatible mock (and Azure's deployments): validate like
// OpenAI (openai-request.ts), take the scripted or queued behaviour (error, delay, usage), then
// answer with deterministic vectors (vectors.ts), as floats or base64 as asked.
import { invalidJsonBody } from "../mock-errors.ts";
import { sendError, sendJson, streamHeaders } from "../mock-respond.ts";
import { sleep } from "../mock-sleep.ts";
import type { Behaviour, MockExchange } from "../mock-types.ts";
import { readEmbeddingsRequest } from "./openai-request.ts";
import { float32Base64, mockEmbedding } from "./vectors.ts";

/** Behaviour honoured: error, firstByteDelayMs, omitUsage, usage.prompt_tokens. */
export interface EmbeddingsContext extends MockExchange {
  defaults?: Behaviour | undefined;
  /** Azure: the deployment's model (the body's `model` is ignored or names the deployment). */
  model?: string;
}

/** The model name OpenAI reports: ada-002 answers as "text-embedding-ada-002-v2". */
const reportedModel = (model: string): string => (model === "text-embedding-ada-002" ? "text-embedding-ada-002-v2" : model);

export async function handleEmbeddings(ctx: EmbeddingsContext): Promise<void> {
  const { record, res, headers } = ctx;
  try {
    record.body = JSON.parse(record.rawBody) as unknown;
  } catch {
    return sendJson(res, 400, invalidJsonBody(), headers);
  }
  const request = readEmbeddingsRequest(record.body, ctx.model);
  if ("status" in request) return sendJson(res, request.status, request.body, headers);
  const chosen = ctx.pick(record) ?? {};
  const behaviour: Behaviour = ctx.defaults ? { ...ctx.defaults, ...chosen } : chosen;
  if (behaviour.firstByteDelayMs && !(await sleep(behaviour.firstByteDelayMs, ctx.cancellation))) return;
  if (res.destroyed) return;
  if (behaviour.error) return sendError(res, behaviour.error, request.model, ctx.key, headers);
  const data = request.inputs.map((input, index) => {
    const vector = mockEmbedding(request.model, input, request.dimensions);
    return { object: "embedding", index, embedding: request.encoding === "base64" ? float32Base64(vector) : vector };
  });
  const tokens = behaviour.usage?.prompt_tokens ?? request.promptTokens;
  const body = { object: "list", data, model: reportedModel(request.model), ...(behaviour.omitUsage ? {} : { usage: { prompt_tokens: tokens, total_tokens: tokens } }) };
  sendJson(res, 200, body, streamHeaders(headers));
}
