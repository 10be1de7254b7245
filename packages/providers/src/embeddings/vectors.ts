// Vector encodings: OpenAI's base64 is the vector's float32 values, little-endian, base64
// encoded. Clients get what they asked for whatever the upstream sent: floats are written as
// float32 (base64 cannot carry more), base64 is decoded to the float32 numbers it holds.
import type { EmbeddingVector } from "./types.ts";

export function floatsToBase64(values: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(values.length * 4);
  for (let i = 0; i < values.length; i++) bytes.writeFloatLE(values[i]!, i * 4);
  return bytes.toString("base64");
}

/** The float32 numbers in a base64 vector; undefined when it is not whole float32 values. */
export function base64ToFloats(text: string): number[] | undefined {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 4 !== 0) return undefined;
  const out = new Array<number>(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

export function asFloats(vector: EmbeddingVector): number[] | undefined {
  return typeof vector === "string" ? base64ToFloats(vector) : (vector as number[]);
}

export function asBase64(vector: EmbeddingVector): string {
  return typeof vector === "string" ? vector : floatsToBase64(vector);
}

/** A vector in an upstream answer: a non-empty array of finite numbers, or a base64 string. */
export function isVector(value: unknown): value is EmbeddingVector {
  if (typeof value === "string") return value.length > 0 && Buffer.byteLength(value, "base64") % 4 === 0;
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number" && Number.isFinite(v));
}
