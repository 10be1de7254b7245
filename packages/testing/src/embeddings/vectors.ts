// Deterministic embeddings for the mock upstreams (OpenAI, Azure, Gemini, Bedrock): the same
// model and input always give the same unit vector, so a test can compute what the gateway must
// return. Values are float32 (Math.fround) so that base64 (little-endian float32, OpenAI's
// encoding) and JSON floats carry exactly the same numbers.
import { createHash } from "node:crypto";

/** An input: text, or token ids (OpenAI's token arrays). */
export type MockEmbeddingInput = string | readonly number[];

/** The vector a mock returns for `input` on `model` with `dimensions` components. */
export function mockEmbedding(model: string, input: MockEmbeddingInput, dimensions: number): number[] {
  const seed = createHash("sha256").update(`${model}\u0000${typeof input === "string" ? `s:${input}` : `t:${input.join(",")}`}`).digest();
  // xorshift32 seeded from the hash: cheap, and the same on every platform.
  let state = seed.readUInt32LE(0) || 0x9e3779b9;
  const raw = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = state / 0x1_0000_0000 - 0.5;
    raw[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return raw.map((value) => Math.fround(value * scale));
}

/**
 * The mocks' token count of an input: words and punctuation marks for text (at least 1 for
 * non-empty text), the length of a token array. Not a real tokenizer: deterministic, so tests
 * can predict usage.
 */
export function mockTokenCount(input: MockEmbeddingInput): number {
  if (typeof input !== "string") return input.length;
  const pieces = input.match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu);
  return Math.max(pieces?.length ?? 0, input.length > 0 ? 1 : 0);
}

/** Base64 of the values as little-endian float32, as OpenAI sends `encoding_format: "base64"`. */
export function float32Base64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i]!, i * 4);
  return bytes.toString("base64");
}
