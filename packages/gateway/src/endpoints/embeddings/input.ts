// `input` of POST /v1/embeddings, checked before any upstream is called: a non-empty string, an
// array of non-empty strings, an array of token ids (one input), or an array of non-empty token
// arrays, with at most MAX_EMBEDDING_INPUTS inputs (each upstream gets them in batches it takes).
// A 400 names the parameter and the offending item. The answer's size is bounded too: inputs ×
// dimensions at most MAX_EMBEDDING_VALUES, what OpenAI's largest request makes (2048 vectors of
// text-embedding-3-large's 3072 dimensions); without `dimensions` each catalogued model's default
// (at most 3072) keeps within it.
import { SwitchyardError } from "@switchyard/core";
import type { EmbeddingInput } from "@switchyard/providers";

/** Inputs per request, as OpenAI (upstreams taking fewer get them in batches). */
export const MAX_EMBEDDING_INPUTS = 2048;
/** Numbers in one answer's vectors (inputs × dimensions). */
export const MAX_EMBEDDING_VALUES = 2048 * 3072;
/** Token ids are non-negative integers (OpenAI's tokenizers stay far below this). */
const MAX_TOKEN_ID = 2 ** 31 - 1;

const bad = (message: string): SwitchyardError => new SwitchyardError("invalid_request", message, { param: "input" });
const SHAPES = "a string, an array of strings, an array of token ids, or an array of token-id arrays";

function isTokenId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_TOKEN_ID;
}

function tokenArray(items: readonly unknown[], where: string): number[] {
  if (items.length === 0) throw bad(`${where} is an empty token array.`);
  const at = items.findIndex((item) => !isTokenId(item));
  if (at !== -1) throw bad(`${where}[${at}] is not a token id: token ids are non-negative integers.`);
  return items as number[];
}

export function readEmbeddingInputs(input: unknown): EmbeddingInput[] {
  if (input === undefined || input === null) throw bad("Missing required parameter: input.");
  if (typeof input === "string") {
    if (input === "") throw bad("input must not be an empty string.");
    return [input];
  }
  if (!Array.isArray(input)) throw bad(`input must be ${SHAPES}.`);
  if (input.length === 0) throw bad("input must not be an empty array.");
  if (input.length > MAX_EMBEDDING_INPUTS) throw bad(`input has ${input.length} items; at most ${MAX_EMBEDDING_INPUTS} are allowed per request.`);
  const first = input[0];
  if (typeof first === "string") {
    input.forEach((item, i) => {
      if (typeof item !== "string") throw bad(`input[${i}] is not a string: input must be ${SHAPES}, not a mix.`);
      if (item === "") throw bad(`input[${i}] is an empty string.`);
    });
    return input as string[];
  }
  if (typeof first === "number") return [tokenArray(input, "input")];
  if (Array.isArray(first)) {
    return input.map((item, i) => {
      if (!Array.isArray(item)) throw bad(`input[${i}] is not a token array: input must be ${SHAPES}, not a mix.`);
      return tokenArray(item, `input[${i}]`);
    });
  }
  throw bad(`input must be ${SHAPES}.`);
}

/** Refuses `dimensions` that would make an answer of more than MAX_EMBEDDING_VALUES numbers. */
export function checkAnswerSize(inputs: number, dimensions: number | undefined): void {
  if (dimensions === undefined || inputs * dimensions <= MAX_EMBEDDING_VALUES) return;
  const most = Math.floor(MAX_EMBEDDING_VALUES / dimensions);
  throw new SwitchyardError(
    "invalid_request",
    `${inputs} inputs of ${dimensions} dimensions would be ${inputs * dimensions} values; at most ${MAX_EMBEDDING_VALUES} (inputs × dimensions) are allowed per request: send at most ${most} inputs of this size, or fewer dimensions.`,
    { param: "dimensions" },
  );
}
