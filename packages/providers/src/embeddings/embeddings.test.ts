// The embeddings adapters against the mocks: translation both ways for OpenAI-compatible, Azure,
// Gemini and Bedrock (Titan, Cohere), batches split at each upstream's limit and merged in order,
// token counts reported or left for estimation, and failures.
import { getProvider } from "@switchyard/catalog";
import { float32Base64, MOCK_AWS_CREDENTIALS, mockEmbedding, mockTokenCount, startAzureMock, startBedrockMock, startGeminiMock, startMockUpstream, type AzureMock, type BedrockMock, type GeminiMock, type MockUpstream } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { batchStarts, inBatches, type BatchOutcome } from "./batches.ts";
import { createEmbeddingsRegistry } from "./registry.ts";
import { unsupported, type EmbeddingInput, type EmbeddingsOutcome, type EmbeddingsRequest, type EmbeddingsResult } from "./types.ts";
import { asBase64, asFloats, base64ToFloats, floatsToBase64 } from "./vectors.ts";

let openai: MockUpstream;
let azure: AzureMock;
let gemini: GeminiMock;
let bedrock: BedrockMock;
let http: UpstreamHttp;
beforeAll(async () => {
  [openai, azure, gemini, bedrock] = await Promise.all([
    startMockUpstream({ validKeys: ["sk-good"] }),
    startAzureMock({ apiKeys: ["az-key"], deployments: { "text-embedding-3-small": "text-embedding-3-small", "my-embed": "text-embedding-3-large" } }),
    startGeminiMock({ validKeys: ["AIza-good"] }),
    startBedrockMock(),
  ]);
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await Promise.all([openai.close(), azure.close(), gemini.close(), bedrock.close()]);
});
beforeEach(() => {
  openai.reset();
  azure.reset();
  gemini.reset();
  bedrock.reset();
});

const registry = () => createEmbeddingsRegistry(http);
const target = (providerId: string, over: Partial<UpstreamTarget>): UpstreamTarget => {
  const provider = getProvider(providerId)!;
  return { provider, baseUrl: provider.baseUrl, upstreamModel: "", secret: "", keySource: "credits", untrustedUrl: false, ...over };
};
const embed = (t: UpstreamTarget, request: Partial<EmbeddingsRequest>): Promise<EmbeddingsOutcome> =>
  registry()(t.provider.protocol)!.embed({ target: t, inputs: ["hello"], encoding: "float", signal: new AbortController().signal, ...request });
async function ok(outcome: Promise<EmbeddingsOutcome>): Promise<EmbeddingsResult> {
  const out = await outcome;
  if (!out.ok) throw new Error(`expected embeddings: ${JSON.stringify(out)}`);
  return out.value;
}
const floats = (result: EmbeddingsResult) => result.vectors.map((v) => asFloats(v));

describe("vector encodings", () => {
  it("round-trips float32 values through base64 both ways", () => {
    const values = mockEmbedding("m", "x", 5);
    expect(floatsToBase64(values)).toBe(float32Base64(values));
    expect(base64ToFloats(floatsToBase64(values))).toEqual(values);
    expect(asBase64(values)).toBe(float32Base64(values));
    expect(asFloats(float32Base64(values))).toEqual(values);
    expect(base64ToFloats("AAA=")).toBeUndefined();
  });
});

describe("batches", () => {
  /** A fake upstream: one vector per input, `tokens` per input reported (null: none), failing the listed batches. */
  function upstream(options: { fail?: number[]; tokens?: number | null; delayMs?: (n: number) => number } = {}) {
    const sent: string[][] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const send = async (batch: readonly EmbeddingInput[]): Promise<BatchOutcome> => {
      const n = sent.push(batch as string[]) - 1;
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs?.(n) ?? 5));
      inFlight--;
      if (options.fail?.includes(n)) return unsupported("input", `batch ${n} refused`);
      const tokens = options.tokens === undefined ? 2 : options.tokens;
      return { ok: true, value: { vectors: batch.map(() => [n, 1]), promptTokens: tokens === null ? null : tokens * batch.length, model: "m" } };
    };
    return { send, sent, mostInFlight: () => mostInFlight };
  }
  const inputs = (count: number) => Array.from({ length: count }, (_, i) => `text ${i}`);

  it("3 batches, the 2nd refused: no batch is started after it, and the 1st batch's tokens come back as consumed", async () => {
    const fake = upstream({ fail: [1] });
    const out = await inBatches(inputs(6), { size: 2, concurrency: 1 }, fake.send);
    expect(fake.sent).toEqual([["text 0", "text 1"], ["text 2", "text 3"]]);
    expect(out).toMatchObject({ ok: false, kind: "client", status: 400, param: "input", consumed: { promptTokens: 4, unreported: [], calls: 1 } });
  });

  it("counts the batches in flight when the failure came, and leaves unreported inputs for estimation", async () => {
    // Batch 0 fails fast; batch 1 (started at the same time) answers later without token counts.
    const fake = upstream({ fail: [0], tokens: null, delayMs: (n) => (n === 0 ? 1 : 40) });
    const out = await inBatches(inputs(6), { size: 2, concurrency: 2 }, fake.send);
    expect(fake.sent).toHaveLength(2);
    expect(out).toMatchObject({ ok: false, consumed: { promptTokens: 0, unreported: [2, 3], calls: 1 } });
  });

  it("a failure before any batch succeeded consumed nothing", async () => {
    const out = await inBatches(inputs(4), { size: 2, concurrency: 1 }, upstream({ fail: [0] }).send);
    expect(out.ok).toBe(false);
    expect("consumed" in out).toBe(false);
  });

  it("keeps at most `concurrency` upstream requests in flight (Titan: one input per request)", async () => {
    const fake = upstream();
    const out = await inBatches(inputs(40), { size: 1, concurrency: 8 }, fake.send);
    expect(fake.sent).toHaveLength(40);
    expect(fake.mostInFlight()).toBe(8);
    expect(out).toMatchObject({ ok: true, value: { promptTokens: 80, calls: 40 } });
  });
});

describe("OpenAI-compatible", () => {
  const t = (over: Partial<UpstreamTarget> = {}) => target("openai", { baseUrl: `${openai.url}/openai/v1`, upstreamModel: "text-embedding-3-small", secret: "sk-good", ...over });

  it("sends the client's parameters and passes the upstream's encoding and usage back", async () => {
    const result = await ok(embed(t(), { inputs: ["a b", "c"], dimensions: 8, user: "u-1", encoding: "base64", passthrough: { extra_param: true } }));
    expect(openai.requests[0]!.body).toEqual({ extra_param: true, model: "text-embedding-3-small", input: ["a b", "c"], encoding_format: "base64", dimensions: 8, user: "u-1" });
    expect(result.vectors[0]).toBe(float32Base64(mockEmbedding("text-embedding-3-small", "a b", 8)));
    expect(result).toMatchObject({ promptTokens: 3, unreported: [], model: "text-embedding-3-small", calls: 1 });
    const tokens = await ok(embed(t(), { inputs: [[1, 2, 3], [4]] }));
    expect(openai.requests[1]!.body).toMatchObject({ input: [[1, 2, 3], [4]], encoding_format: "float" });
    expect(tokens.vectors[1]).toEqual(mockEmbedding("text-embedding-3-small", [4], 1536));
  });

  it("splits more than 2048 inputs into batches and merges them in order", async () => {
    const inputs = Array.from({ length: 4100 }, (_, i) => `text ${i}`);
    const result = await ok(embed(t(), { inputs, dimensions: 4 }));
    expect(openai.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([2048, 2048, 4]);
    expect(result.calls).toBe(3);
    expect(result.vectors).toHaveLength(4100);
    for (const i of [0, 2047, 2048, 4099]) expect(result.vectors[i]).toEqual(mockEmbedding("text-embedding-3-small", `text ${i}`, 4));
    expect(result.promptTokens).toBe(inputs.reduce((sum, text) => sum + mockTokenCount(text), 0));
  });

  it("keeps each request under OpenAI's 300,000 tokens by splitting on UTF-8 length", async () => {
    const long = "word ".repeat(8000); // 8,000 tokens, 40,000 bytes: 40 of them exceed the cap together
    const result = await ok(embed(t(), { inputs: Array.from({ length: 40 }, () => long), dimensions: 2 }));
    expect(openai.requests.map((r) => (r.body as { input: string[] }).input.length)).toEqual([7, 7, 7, 7, 7, 5]);
    expect(result.promptTokens).toBe(320_000);
    expect(batchStarts([[1, 2], [3, 4], [5]], { size: 10, maxTokens: 4 })).toEqual([0, 2]);
    expect(batchStarts(["é".repeat(3), "a"], { size: 10, maxTokens: 6 })).toEqual([0, 1]);
    expect(batchStarts(["a", "b", "c"], { size: 2 })).toEqual([0, 2]);
  });

  it("leaves unreported batches for estimation and fails on the first failing batch", async () => {
    openai.enqueue({ omitUsage: true });
    const result = await ok(embed(t(), { inputs: ["one", "two"] }));
    expect(result).toMatchObject({ promptTokens: 0, unreported: [0, 1] });
    openai.enqueue({}, { error: { status: 429 } });
    const failed = await embed(t(), { inputs: Array.from({ length: 3000 }, () => "x"), dimensions: 2 });
    expect(failed).toMatchObject({ ok: false, kind: "rate_limit", status: 429 });
    expect(await embed(t({ secret: "sk-bad" }), {})).toMatchObject({ ok: false, kind: "auth" });
  });
});

describe("Azure OpenAI", () => {
  const creds = (over: Record<string, string> = {}) => JSON.stringify({ endpoint: azure.url, apiKey: "az-key", deploymentName: "chat", apiVersion: "2024-10-21", ...over });
  const t = (secret: string) => target("azure", { upstreamModel: "text-embedding-3-small", secret });

  it("uses the deployment named after the model, floats upstream, on the dated path", async () => {
    const result = await ok(embed(t(creds()), { inputs: ["x y"], dimensions: 6, encoding: "base64" }));
    expect(azure.requests[0]!.path).toBe("/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21");
    expect(azure.requests[0]!.headers["api-key"]).toBe("az-key");
    expect(azure.requests[0]!.body).toEqual({ model: "text-embedding-3-small", input: ["x y"], dimensions: 6 });
    expect(floats(result)[0]).toEqual(mockEmbedding("text-embedding-3-small", "x y", 6));
    expect(result.promptTokens).toBe(2);
  });

  it("uses embeddingDeploymentName when set, and the v1 path", async () => {
    await ok(embed(t(creds({ embeddingDeploymentName: "my-embed", apiVersion: "v1" })), { inputs: ["z"] }));
    expect(azure.requests[0]!.path).toBe("/openai/v1/embeddings");
    expect(azure.requests[0]!.body).toMatchObject({ model: "my-embed" });
    expect(await embed(t(creds({ embeddingDeploymentName: "missing" })), {})).toMatchObject({ ok: false, kind: "client", status: 404 });
    expect(await embed(t("not json"), {})).toMatchObject({ ok: false, kind: "auth", code: "invalid_credentials" });
  });
});

describe("Google AI Studio", () => {
  const t = (over: Partial<UpstreamTarget> = {}) => target("google", { baseUrl: gemini.url, upstreamModel: "gemini-embedding-001", secret: "AIza-good", ...over });

  it("translates to batchEmbedContents in batches of 100 and leaves every token to estimate", async () => {
    const inputs = Array.from({ length: 150 }, (_, i) => `doc ${i}`);
    const result = await ok(embed(t(), { inputs, dimensions: 8, inputType: "search_query" }));
    expect(gemini.requests.map((r) => r.path)).toEqual(["/v1beta/models/gemini-embedding-001:batchEmbedContents", "/v1beta/models/gemini-embedding-001:batchEmbedContents"]);
    expect(gemini.requests[0]!.headers["x-goog-api-key"]).toBe("AIza-good");
    const first = (gemini.requests[0]!.body as { requests: unknown[] }).requests;
    expect(first).toHaveLength(100);
    expect(first[3]).toEqual({ model: "models/gemini-embedding-001", content: { parts: [{ text: "doc 3" }] }, taskType: "RETRIEVAL_QUERY", outputDimensionality: 8 });
    expect(result.vectors[120]).toEqual(mockEmbedding("gemini-embedding-001", "doc 120", 8));
    expect(result).toMatchObject({ promptTokens: 0, calls: 2 });
    expect(result.unreported).toEqual(inputs.map((_, i) => i));
  });

  it("passes Gemini task types through and refuses what Gemini cannot take", async () => {
    await ok(embed(t(), { inputType: "SEMANTIC_SIMILARITY" }));
    expect((gemini.requests[0]!.body as { requests: Array<{ taskType: string }> }).requests[0]!.taskType).toBe("SEMANTIC_SIMILARITY");
    expect(await embed(t(), { inputs: [[1, 2]] })).toMatchObject({ ok: false, kind: "client", param: "input" });
    expect(await embed(t(), { inputType: "passage" })).toMatchObject({ ok: false, kind: "client", param: "input_type" });
    expect(await embed(t({ secret: "AIza-bad" }), {})).toMatchObject({ ok: false, kind: "auth", status: 401 });
    expect(await embed(t(), { dimensions: 5000 })).toMatchObject({ ok: false, kind: "client", status: 400 });
  });
});

describe("Amazon Bedrock", () => {
  const t = (upstreamModel: string) => target("aws", { baseUrl: bedrock.url, upstreamModel, secret: JSON.stringify(MOCK_AWS_CREDENTIALS) });

  it("Titan: one signed InvokeModel per input, in order, with its token counts", async () => {
    const result = await ok(embed(t("amazon.titan-embed-text-v2:0"), { inputs: ["a", "b c", "d e f"], dimensions: 256, encoding: "base64" }));
    expect(bedrock.requests.map((r) => r.path)).toEqual(Array(3).fill("/model/amazon.titan-embed-text-v2%3A0/invoke"));
    expect(bedrock.requests.map((r) => r.body)).toEqual(expect.arrayContaining([{ inputText: "b c", normalize: true, dimensions: 256 }]));
    expect(bedrock.requests[0]!.signature).toMatchObject({ service: "bedrock", region: "us-east-1" });
    expect(result.vectors[2]).toEqual(mockEmbedding("amazon.titan-embed-text-v2:0", "d e f", 256));
    expect(result).toMatchObject({ promptTokens: 6, unreported: [], calls: 3 });
    expect(await embed(t("amazon.titan-embed-text-v2:0"), { dimensions: 300 })).toMatchObject({ ok: false, kind: "client", param: "dimensions" });
  });

  it("Cohere: batches of 96 with input_type, tokens from the header", async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => `t${i}`);
    const result = await ok(embed(t("cohere.embed-english-v3"), { inputs, inputType: "search_query" }));
    expect(bedrock.requests.map((r) => (r.body as { texts: string[] }).texts.length)).toEqual([96, 4]);
    expect(bedrock.requests[0]!.body).toMatchObject({ input_type: "search_query", embedding_types: ["float"] });
    expect(result.vectors[99]).toEqual(mockEmbedding("cohere.embed-english-v3", "t99", 1024));
    expect(result).toMatchObject({ promptTokens: 100, unreported: [] });
    await ok(embed(t("cohere.embed-multilingual-v3"), {}));
    expect(bedrock.requests.at(-1)!.body).toMatchObject({ input_type: "search_document" });
    expect(await embed(t("cohere.embed-english-v3"), { dimensions: 512 })).toMatchObject({ ok: false, param: "dimensions" });
    expect(await embed(t("amazon.nova-micro-v1:0"), {})).toMatchObject({ ok: false, kind: "client", param: "model" });
  });

  it("maps Bedrock's errors", async () => {
    bedrock.enqueue({ error: { type: "ThrottlingException" } });
    expect(await embed(t("cohere.embed-english-v3"), {})).toMatchObject({ ok: false, kind: "rate_limit", status: 429, code: "ThrottlingException" });
    const wrong = target("aws", { baseUrl: bedrock.url, upstreamModel: "cohere.embed-english-v3", secret: JSON.stringify({ ...MOCK_AWS_CREDENTIALS, secretAccessKey: "wrong" }) });
    expect(await embed(wrong, {})).toMatchObject({ ok: false, kind: "auth" });
  });
});
