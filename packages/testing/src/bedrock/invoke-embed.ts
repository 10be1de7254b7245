// InvokeModel for Bedrock's embedding models (POST /model/{modelId}/invoke), bodies checked the
// way Bedrock's JSON schemas check them ("Malformed input request: #…" ValidationExceptions):
//   amazon.titan-embed-text-v2:0  {inputText, dimensions? 256|512|1024, normalize?, embeddingTypes?}
//                                 → {embedding, inputTextTokenCount, embeddingsByType}
//   amazon.titan-embed-text-v1    {inputText} → {embedding (1536), inputTextTokenCount}
//   cohere.embed-english-v3, cohere.embed-multilingual-v3
//                                 {texts (1–96, ≤2048 chars each), input_type, truncate?, embedding_types?}
//                                 → {id, response_type, embeddings ([[…]] or {float: [[…]]}), texts}
// Every answer carries the input token count in x-amzn-bedrock-input-token-count.
// (docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html,
//  …/model-parameters-embed-v3.html)
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { mockEmbedding, mockTokenCount } from "../embeddings/vectors.ts";
import { sendBedrockError } from "./errors.ts";
import type { BedrockBehaviour, BedrockRecordedRequest } from "./types.ts";

type Json = Record<string, unknown>;
type Checked = { ok: true; texts: string[]; dimensions: number; answer: (vectors: number[][], tokens: number) => Json } | { ok: false; message: string };

const malformed = (detail: string): Checked => ({ ok: false, message: `Malformed input request: ${detail}, please reformat your input and try again.` });
const COHERE_INPUT_TYPES = ["search_document", "search_query", "classification", "clustering"];
const COHERE_TYPES = ["float", "int8", "uint8", "binary", "ubinary"];

function extraneous(body: Json, allowed: string[]): Checked | undefined {
  const extra = Object.keys(body).find((key) => !allowed.includes(key));
  return extra === undefined ? undefined : malformed(`#: extraneous key [${extra}] is not permitted`);
}

function titan(body: Json, v2: boolean): Checked {
  const extra = extraneous(body, v2 ? ["inputText", "dimensions", "normalize", "embeddingTypes"] : ["inputText"]);
  if (extra) return extra;
  if (body.inputText === undefined) return malformed("#: required key [inputText] not found");
  if (typeof body.inputText !== "string") return malformed("#/inputText: expected type: String, found: " + (Array.isArray(body.inputText) ? "JSONArray" : typeof body.inputText));
  if (body.inputText.length === 0) return malformed("#/inputText: expected minLength: 1, actual: 0");
  if (body.inputText.length > 50_000) return malformed(`#/inputText: expected maxLength: 50000, actual: ${body.inputText.length}`);
  const dimensions = body.dimensions ?? (v2 ? 1024 : 1536);
  if (v2 && ![256, 512, 1024].includes(dimensions as number)) return malformed(`#/dimensions: ${JSON.stringify(body.dimensions)} is not a valid enum value`);
  if (body.normalize !== undefined && typeof body.normalize !== "boolean") return malformed("#/normalize: expected type: Boolean");
  const texts = [body.inputText];
  return {
    ok: true,
    texts,
    dimensions: dimensions as number,
    answer: ([vector], tokens) => ({ embedding: vector, inputTextTokenCount: tokens, ...(v2 ? { embeddingsByType: { float: vector } } : {}) }),
  };
}

function cohere(body: Json): Checked {
  const extra = extraneous(body, ["texts", "images", "input_type", "truncate", "embedding_types"]);
  if (extra) return extra;
  if (body.texts === undefined) return malformed("#: required key [texts] not found");
  if (!Array.isArray(body.texts)) return malformed("#/texts: expected type: JSONArray");
  if (body.texts.length > 96) return malformed(`#/texts: expected maximum item count: 96, found: ${body.texts.length}`);
  for (const [i, text] of body.texts.entries()) {
    if (typeof text !== "string") return malformed(`#/texts/${i}: expected type: String`);
    if (text.length > 2048) return malformed(`#/texts/${i}: expected maxLength: 2048, actual: ${text.length}`);
  }
  if (body.input_type === undefined) return malformed("#: required key [input_type] not found");
  if (!COHERE_INPUT_TYPES.includes(body.input_type as string)) return malformed(`#/input_type: ${JSON.stringify(body.input_type)} is not a valid enum value`);
  if (body.truncate !== undefined && !["NONE", "START", "END"].includes(body.truncate as string)) return malformed(`#/truncate: ${JSON.stringify(body.truncate)} is not a valid enum value`);
  const types = body.embedding_types;
  if (types !== undefined && !(Array.isArray(types) && types.every((t) => COHERE_TYPES.includes(t as string)))) return malformed("#/embedding_types: invalid embedding type");
  if (Array.isArray(types) && types.some((t) => t !== "float")) return { ok: false, message: "This mock returns float embeddings only." };
  const texts = body.texts as string[];
  return {
    ok: true,
    texts,
    dimensions: 1024,
    answer: (vectors) =>
      types === undefined
        ? { id: randomUUID(), response_type: "embeddings_floats", embeddings: vectors, texts }
        : { id: randomUUID(), response_type: "embeddings_by_type", embeddings: { float: vectors }, texts },
  };
}

function check(modelId: string, body: Json): Checked | undefined {
  if (modelId === "amazon.titan-embed-text-v2:0") return titan(body, true);
  if (modelId === "amazon.titan-embed-text-v1") return titan(body, false);
  if (modelId === "cohere.embed-english-v3" || modelId === "cohere.embed-multilingual-v3") return cohere(body);
  return undefined;
}

export function invokeEmbedding(record: BedrockRecordedRequest, res: ServerResponse, modelId: string, pick: () => BedrockBehaviour | undefined, requestId: string): void {
  const body = record.body;
  const checked = typeof body === "object" && body !== null && !Array.isArray(body) ? check(modelId, body as Json) : { ok: false as const, message: "Malformed input request: #: expected type: JSONObject, please reformat your input and try again." };
  if (checked === undefined) return sendBedrockError(res, "ResourceNotFoundException", "The provided model identifier is invalid.", requestId);
  if (!checked.ok) return sendBedrockError(res, "ValidationException", checked.message, requestId);
  const behaviour = pick() ?? {};
  if (behaviour.error) return sendBedrockError(res, behaviour.error.type, behaviour.error.message, requestId, behaviour.error.status);
  const tokens = checked.texts.reduce((sum, text) => sum + mockTokenCount(text), 0);
  const text = JSON.stringify(checked.answer(checked.texts.map((t) => mockEmbedding(modelId, t, checked.dimensions)), tokens));
  res.writeHead(200, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": requestId,
    "x-amzn-bedrock-input-token-count": String(tokens),
    "x-amzn-bedrock-invocation-latency": "42",
  });
  res.end(text);
}
