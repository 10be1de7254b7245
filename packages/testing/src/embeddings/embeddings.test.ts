// The embedding mocks (OpenAI-compatible, Azure deployments, Gemini batchEmbedContents, Bedrock
// InvokeModel for Titan and Cohere) check requests as their APIs do and answer deterministic
// vectors in each wire format.
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzureMock } from "../azure/server.ts";
import { startBedrockMock } from "../bedrock/server.ts";
import { MOCK_AWS_CREDENTIALS, type BedrockMock } from "../bedrock/types.ts";
import { startGeminiMock } from "../google/server.ts";
import type { GeminiMock } from "../google/types.ts";
import type { AzureMock } from "../azure/types.ts";
import { startMockUpstream } from "../mock-upstream.ts";
import type { MockUpstream } from "../mock-types.ts";
import { float32Base64, mockEmbedding, mockTokenCount } from "./vectors.ts";

let openai: MockUpstream;
let gemini: GeminiMock;
let bedrock: BedrockMock;
let azure: AzureMock;
beforeAll(async () => {
  [openai, gemini, bedrock, azure] = await Promise.all([
    startMockUpstream({ validKeys: ["sk-test"] }),
    startGeminiMock({ validKeys: ["AIza-test"] }),
    startBedrockMock(),
    startAzureMock({ apiKeys: ["azure-key"], deployments: { embed: "text-embedding-3-small" } }),
  ]);
});
afterAll(() => Promise.all([openai.close(), gemini.close(), bedrock.close(), azure.close()]));

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const post = async (url: string, body: unknown, headers: Record<string, string>) => {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
};
const embed = (body: unknown, key = "sk-test") => post(`${openai.url}/openai/v1/embeddings`, body, { authorization: `Bearer ${key}` });

describe("vectors", () => {
  it("are deterministic unit float32 vectors, distinct per model and input", () => {
    const a = mockEmbedding("m", "hello", 64);
    expect(mockEmbedding("m", "hello", 64)).toEqual(a);
    expect(mockEmbedding("m", "hello!", 64)).not.toEqual(a);
    expect(mockEmbedding("n", "hello", 64)).not.toEqual(a);
    expect(mockEmbedding("m", [1, 2], 8)).not.toEqual(mockEmbedding("m", "1,2", 8));
    expect(a.every((v) => Math.fround(v) === v)).toBe(true);
    expect(Math.sqrt(a.reduce((s, v) => s + v * v, 0))).toBeCloseTo(1, 5);
    expect(mockTokenCount("Hello, world")).toBe(3);
    expect(mockTokenCount([5, 6, 7])).toBe(3);
  });
});

describe("OpenAI-compatible embeddings", () => {
  it("answers floats and base64 of the same float32 values, in input order with usage", async () => {
    const float = await embed({ model: "text-embedding-3-small", input: ["alpha", "beta gamma"], dimensions: 16 });
    expect(float.status).toBe(200);
    expect(float.body).toMatchObject({ object: "list", model: "text-embedding-3-small", usage: { prompt_tokens: 3, total_tokens: 3 } });
    expect(float.body.data.map((d: Json) => [d.object, d.index])).toEqual([["embedding", 0], ["embedding", 1]]);
    expect(float.body.data[1].embedding).toEqual(mockEmbedding("text-embedding-3-small", "beta gamma", 16));
    const b64 = await embed({ model: "text-embedding-3-small", input: ["alpha", "beta gamma"], dimensions: 16, encoding_format: "base64" });
    expect(b64.body.data[1].embedding).toBe(float32Base64(float.body.data[1].embedding));
    expect(float.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("accepts token arrays, keeps native sizes and reports ada-002 as -v2", async () => {
    const tokens = await embed({ model: "text-embedding-ada-002", input: [[1, 2, 3], [4]] });
    expect(tokens.body.model).toBe("text-embedding-ada-002-v2");
    expect(tokens.body.data[0].embedding).toHaveLength(1536);
    expect(tokens.body.usage.prompt_tokens).toBe(4);
    const one = await embed({ model: "text-embedding-3-large", input: [9, 8, 7] });
    expect(one.body.data).toHaveLength(1);
    expect(one.body.data[0].embedding).toEqual(mockEmbedding("text-embedding-3-large", [9, 8, 7], 3072));
  });

  it("refuses what OpenAI refuses, with its error bodies", async () => {
    const invalidInput = { message: expect.stringContaining("'$.input' is invalid"), type: "invalid_request_error" };
    expect((await embed({ model: "text-embedding-3-small", input: "" })).body.error).toMatchObject(invalidInput);
    expect((await embed({ model: "text-embedding-3-small", input: [] })).body.error).toMatchObject(invalidInput);
    expect((await embed({ model: "text-embedding-3-small", input: ["a", 1] })).body.error).toMatchObject(invalidInput);
    expect((await embed({ model: "text-embedding-3-small", input: [1.5] })).body.error).toMatchObject(invalidInput);
    expect((await embed({ model: "text-embedding-3-small", input: Array.from({ length: 2049 }, () => "x") })).body.error).toMatchObject(invalidInput);
    expect((await embed({ model: "text-embedding-3-small" })).body.error).toMatchObject({ param: "input", code: "missing_required_parameter" });
    expect((await embed({ model: "text-embedding-ada-002", input: "x", dimensions: 8 })).body.error.message).toBe("This model does not support specifying dimensions.");
    expect((await embed({ model: "text-embedding-3-small", input: "x", dimensions: 0 })).body.error).toMatchObject({ param: "dimensions", code: "integer_below_min_value" });
    expect((await embed({ model: "text-embedding-3-small", input: "x", dimensions: 2000 })).body.error).toMatchObject({ param: "dimensions", code: "integer_above_max_value" });
    expect((await embed({ model: "text-embedding-3-small", input: "x", encoding_format: "hex" })).body.error).toMatchObject({ param: "encoding_format", code: "invalid_value" });
    expect((await embed({ model: "text-embedding-3-small", input: "word ".repeat(8193) })).body.error.message).toContain("maximum context length is 8192 tokens");
    const heavy = await embed({ model: "text-embedding-3-small", input: Array.from({ length: 40 }, () => "word ".repeat(8000)) });
    expect(heavy.body.error).toMatchObject({ code: "max_tokens_per_request", message: "Requested 320000 tokens, max 300000 tokens per request" });
    expect((await embed({ model: "text-embedding-3-small", input: "x" }, "sk-wrong")).status).toBe(401);
  });

  it("answers scripted errors and usage overrides", async () => {
    openai.enqueue({ error: { status: 429 } }, { omitUsage: true });
    expect((await embed({ model: "text-embedding-3-small", input: "x" })).status).toBe(429);
    expect((await embed({ model: "text-embedding-3-small", input: "x" })).body.usage).toBeUndefined();
  });
});

describe("Azure OpenAI deployment embeddings", () => {
  const azurePost = (path: string, body: unknown, key = "azure-key") => post(`${azure.url}${path}`, body, { "api-key": key });
  it("embeds with the deployment's model on both address forms", async () => {
    const dated = await azurePost("/openai/deployments/embed/embeddings?api-version=2024-10-21", { input: ["a b"], dimensions: 4 });
    expect(dated.body.data[0].embedding).toEqual(mockEmbedding("text-embedding-3-small", "a b", 4));
    const v1 = await azurePost("/openai/v1/embeddings", { model: "embed", input: "a b", dimensions: 4, encoding_format: "base64" });
    expect(v1.body.data[0].embedding).toBe(float32Base64(dated.body.data[0].embedding));
  });
  it("answers Azure's errors", async () => {
    expect((await azurePost("/openai/deployments/embed/embeddings?api-version=2024-10-21", { input: "a" }, "bad")).status).toBe(401);
    expect((await azurePost("/openai/deployments/nope/embeddings?api-version=2024-10-21", { input: "a" })).body.error.code).toBe("DeploymentNotFound");
    expect((await azurePost("/openai/deployments/embed/embeddings", { input: "a" })).body.error.message).toBe("Resource not found");
    azure.enqueue({ error: { status: 429 } });
    const limited = await azurePost("/openai/deployments/embed/embeddings?api-version=2024-10-21", { input: "a" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
  });
});

describe("Gemini batchEmbedContents", () => {
  const url = (model: string) => `${gemini.url}/v1beta/models/${model}:batchEmbedContents`;
  const request = (text: string, extra: Json = {}) => ({ model: "models/gemini-embedding-001", content: { parts: [{ text }] }, ...extra });
  it("answers values per request in order, without usage", async () => {
    const res = await post(url("gemini-embedding-001"), { requests: [request("one", { outputDimensionality: 8, taskType: "RETRIEVAL_QUERY" }), request("two")] }, { "x-goog-api-key": "AIza-test" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["embeddings"]);
    expect(res.body.embeddings[0].values).toEqual(mockEmbedding("gemini-embedding-001", "one", 8));
    expect(res.body.embeddings[1].values).toHaveLength(3072);
  });
  it("refuses what the API refuses", async () => {
    const key = { "x-goog-api-key": "AIza-test" };
    expect((await post(url("gemini-embedding-001"), { requests: Array.from({ length: 101 }, () => request("x")) }, key)).body.error.message).toContain("at most 100 requests");
    expect((await post(url("gemini-embedding-001"), { requests: [{ ...request("x"), model: "models/other" }] }, key)).status).toBe(400);
    expect((await post(url("gemini-embedding-001"), { requests: [request("x", { taskType: "SEARCH" })] }, key)).body.error.message).toContain("Invalid value at 'requests[0].task_type'");
    expect((await post(url("gemini-embedding-001"), { requests: [request("x", { outputDimensionality: 4000 })] }, key)).body.error.status).toBe("INVALID_ARGUMENT");
    expect((await post(url("gemini-embedding-001"), { requests: [request("")] }, key)).status).toBe(400);
    expect((await post(url("gemini-embedding-001"), { requests: [request("x")] }, { "x-goog-api-key": "AIza-wrong" })).body.error.details[0].reason).toBe("API_KEY_INVALID");
  });
});

describe("Bedrock InvokeModel embeddings", () => {
  async function invoke(modelId: string, body: unknown) {
    const url = new URL(`${bedrock.url}/model/${encodeURIComponent(modelId)}/invoke`);
    const text = JSON.stringify(body);
    const signer = new SignatureV4({ service: "bedrock", region: "us-east-1", credentials: MOCK_AWS_CREDENTIALS, sha256: Hash.bind(null, "sha256") });
    const signed = await signer.sign({ method: "POST", protocol: "http:", hostname: url.hostname, port: Number(url.port), path: url.pathname, query: {}, headers: { host: url.host, "content-type": "application/json" }, body: text });
    const { host: _host, ...headers } = signed.headers;
    const res = await fetch(url, { method: "POST", headers, body: text });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  }
  it("Titan v2: one input, its dimensions, the token count in body and header", async () => {
    const res = await invoke("amazon.titan-embed-text-v2:0", { inputText: "hello there", dimensions: 256, normalize: true });
    expect(res.body).toMatchObject({ inputTextTokenCount: 2, embeddingsByType: { float: res.body.embedding } });
    expect(res.body.embedding).toEqual(mockEmbedding("amazon.titan-embed-text-v2:0", "hello there", 256));
    expect(res.headers.get("x-amzn-bedrock-input-token-count")).toBe("2");
    expect((await invoke("amazon.titan-embed-text-v2:0", { inputText: "x", dimensions: 300 })).body.message).toBe("Malformed input request: #/dimensions: 300 is not a valid enum value, please reformat your input and try again.");
    expect((await invoke("amazon.titan-embed-text-v2:0", { texts: ["x"] })).body.message).toContain("extraneous key [texts]");
    expect((await invoke("amazon.titan-embed-text-v2:0", {})).status).toBe(400);
  });
  it("Cohere v3: up to 96 texts with input_type, floats by type when asked", async () => {
    const plain = await invoke("cohere.embed-english-v3", { texts: ["a", "b c"], input_type: "search_document" });
    expect(plain.body).toMatchObject({ response_type: "embeddings_floats", texts: ["a", "b c"] });
    expect(plain.body.embeddings[1]).toEqual(mockEmbedding("cohere.embed-english-v3", "b c", 1024));
    expect(plain.headers.get("x-amzn-bedrock-input-token-count")).toBe("3");
    const typed = await invoke("cohere.embed-multilingual-v3", { texts: ["a"], input_type: "search_query", embedding_types: ["float"] });
    expect(typed.body).toMatchObject({ response_type: "embeddings_by_type", embeddings: { float: [expect.any(Array)] } });
    expect((await invoke("cohere.embed-english-v3", { texts: ["a"] })).body.message).toContain("required key [input_type] not found");
    expect((await invoke("cohere.embed-english-v3", { texts: Array.from({ length: 97 }, () => "a"), input_type: "clustering" })).body.message).toContain("expected maximum item count: 96, found: 97");
    expect((await invoke("amazon.nova-micro-v1:0", { inputText: "x" })).headers.get("x-amzn-errortype")).toContain("ResourceNotFoundException");
  });
});
