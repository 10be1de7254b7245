// Reads a POST /embeddings body the way OpenAI checks it, with OpenAI's error bodies:
// `input` a non-empty string, an array of 1–2048 non-empty strings, a token array, or an array
// of 1–2048 non-empty token arrays (token ids within cl100k_base); at most 8192 tokens per input
// and 300,000 per request; `encoding_format` float or base64; `dimensions` only on
// text-embedding-3 and later, 1 up to the model's size; `user` a string.
// (platform.openai.com/docs/api-reference/embeddings/create; messages as OpenAI sends them,
// quoted in openai-python#519, mteb#1200 and the community forum.)
import { invalidParamBody, missingParamBody, type OpenAiErrorBody } from "../mock-errors.ts";
import type { MockEmbeddingInput } from "./vectors.ts";
import { mockTokenCount } from "./vectors.ts";

export const MAX_INPUTS = 2048;
export const MAX_INPUT_TOKENS = 8192;
export const MAX_REQUEST_TOKENS = 300_000;
/** cl100k_base, the embedding models' tokenizer, has ids 0–100276. */
const MAX_TOKEN_ID = 100_276;

/** Native sizes (models not listed: 768); only text-embedding-3 models honour `dimensions`. */
const NATIVE_DIMENSIONS: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
  "BAAI/bge-large-en-v1.5": 1024,
  "nomic-ai/nomic-embed-text-v1.5": 768,
};

export interface EmbeddingsRequest {
  model: string;
  inputs: MockEmbeddingInput[];
  /** Components of each vector. */
  dimensions: number;
  encoding: "float" | "base64";
  promptTokens: number;
}

export type Refusal = { status: 400; body: OpenAiErrorBody };

const refuse = (body: OpenAiErrorBody): Refusal => ({ status: 400, body });
const invalidInput = (): Refusal => refuse({ error: { message: "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.", type: "invalid_request_error", param: null, code: null } });
const isTokenId = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_TOKEN_ID;
const isTokenArray = (value: unknown): value is number[] => Array.isArray(value) && value.length > 0 && value.every(isTokenId);

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal number";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function readInputs(input: unknown): MockEmbeddingInput[] | Refusal {
  if (typeof input === "string") return input === "" ? invalidInput() : [input];
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INPUTS) return invalidInput();
  if (input.every((item) => typeof item === "string" && item !== "")) return input as string[];
  if (input.every(isTokenId)) return [input as number[]];
  if (input.every(isTokenArray)) return input as number[][];
  return invalidInput();
}

function readDimensions(model: string, value: unknown): number | Refusal {
  const native = NATIVE_DIMENSIONS[model] ?? 768;
  if (value === undefined || value === null) return native;
  if (model === "text-embedding-ada-002") return refuse(invalidParamBody("dimensions", "This model does not support specifying dimensions."));
  if (!model.startsWith("text-embedding-3")) return native;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    return refuse({ error: { message: `Invalid type for 'dimensions': expected an integer, but got ${typeName(value)} instead.`, type: "invalid_request_error", param: "dimensions", code: "invalid_type" } });
  }
  if (value < 1) {
    return refuse({ error: { message: `Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got ${value} instead.`, type: "invalid_request_error", param: "dimensions", code: "integer_below_min_value" } });
  }
  if (value > native) {
    return refuse({ error: { message: `Invalid 'dimensions': integer above maximum value. Expected a value <= ${native}, but got ${value} instead.`, type: "invalid_request_error", param: "dimensions", code: "integer_above_max_value" } });
  }
  return value;
}

/** `model` overrides the body's (Azure: the deployment's model). */
export function readEmbeddingsRequest(body: unknown, model?: string): EmbeddingsRequest | Refusal {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return refuse(invalidParamBody("body", "'$' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference."));
  const o = body as Record<string, unknown>;
  const name = model ?? o.model;
  if (typeof name !== "string" || name === "") return refuse(missingParamBody("model"));
  if (o.input === undefined) return refuse(missingParamBody("input"));
  const inputs = readInputs(o.input);
  if (!Array.isArray(inputs)) return inputs;
  const format = o.encoding_format ?? "float";
  if (format !== "float" && format !== "base64") {
    return refuse({ error: { message: `Invalid value: '${String(format)}'. Supported values are: 'float' and 'base64'.`, type: "invalid_request_error", param: "encoding_format", code: "invalid_value" } });
  }
  if (o.user !== undefined && typeof o.user !== "string") {
    return refuse({ error: { message: `Invalid type for 'user': expected a string, but got ${typeName(o.user)} instead.`, type: "invalid_request_error", param: "user", code: "invalid_type" } });
  }
  const dimensions = readDimensions(name, o.dimensions);
  if (typeof dimensions !== "number") return dimensions;
  let promptTokens = 0;
  for (const input of inputs) {
    const tokens = mockTokenCount(input);
    if (tokens > MAX_INPUT_TOKENS) {
      return refuse(invalidParamBody("input", `This model's maximum context length is ${MAX_INPUT_TOKENS} tokens, however you requested ${tokens} tokens (${tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length.`));
    }
    promptTokens += tokens;
  }
  if (promptTokens > MAX_REQUEST_TOKENS) {
    return refuse({ error: { message: `Requested ${promptTokens} tokens, max ${MAX_REQUEST_TOKENS} tokens per request`, type: "invalid_request_error", param: null, code: "max_tokens_per_request" } });
  }
  return { model: name, inputs, dimensions, encoding: format, promptTokens };
}
