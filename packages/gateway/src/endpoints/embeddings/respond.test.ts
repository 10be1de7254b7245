// The embeddings answer written piece by piece: the same JSON as OpenAI's answer whatever the
// upstream's encoding, each vector let go once written, and vectors that cannot be given refused
// before anything is written (and so before the request is billed).
import type { UsageResponseFields } from "@switchyard/metering";
import { float32Base64, mockEmbedding } from "@switchyard/testing";
import { describe, expect, it } from "vitest";
import type { EmbeddingsResult } from "@switchyard/providers";
import { embeddingsAnswer } from "./respond.ts";

const cost = { cost_usd_total: 0.000001, key_source: "credits" } as unknown as UsageResponseFields;

async function text(stream: ReadableStream<Uint8Array>): Promise<{ text: string; pieces: number }> {
  let out = "";
  let pieces = 0;
  const decoder = new TextDecoder();
  for await (const piece of stream as unknown as AsyncIterable<Uint8Array>) {
    pieces++;
    out += decoder.decode(piece, { stream: true });
  }
  return { text: out + decoder.decode(), pieces };
}

const result = (count: number, size: number, base64Every = 0): EmbeddingsResult => ({
  vectors: Array.from({ length: count }, (_, i) => {
    const values = mockEmbedding("m", `v${i}`, size);
    return base64Every > 0 && i % base64Every === 0 ? float32Base64(values) : values;
  }),
  promptTokens: 7,
  unreported: [],
  model: "text-embedding-3-large",
  calls: 1,
});

describe("embeddingsAnswer", () => {
  it("writes exactly OpenAI's JSON in several pieces, floats from either upstream encoding", async () => {
    const values = Array.from({ length: 40 }, (_, i) => mockEmbedding("m", `v${i}`, 3072));
    const input = result(40, 3072, 3);
    const { text: body, pieces } = await text(embeddingsAnswer(input, "float")(7, cost));
    expect(pieces).toBeGreaterThan(5);
    const expected = { object: "list", data: values.map((embedding, index) => ({ object: "embedding", index, embedding })), model: "text-embedding-3-large", usage: { prompt_tokens: 7, total_tokens: 7, ...cost } };
    expect(body).toBe(JSON.stringify(expected));
    // Each vector is let go once written.
    expect(input.vectors.every((v) => v === undefined)).toBe(true);
  });

  it("writes base64 for a client that asked for it", async () => {
    const values = Array.from({ length: 3 }, (_, i) => mockEmbedding("m", `v${i}`, 8));
    const { text: body } = await text(embeddingsAnswer(result(3, 8, 2), "base64")(7, cost));
    expect((JSON.parse(body) as { data: Array<{ embedding: string }> }).data.map((d) => d.embedding)).toEqual(values.map(float32Base64));
  });

  it("refuses a base64 vector that is not whole float32 values before writing anything", () => {
    const bad: EmbeddingsResult = { ...result(2, 4), vectors: [[0.5, 0.25], "AAAAAAA="] };
    expect(() => embeddingsAnswer(bad, "float")).toThrow(/not float32 values/);
  });
});
