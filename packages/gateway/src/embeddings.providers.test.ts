// POST /v1/embeddings on every kind of upstream, through the official OpenAI SDK: Google AI
// Studio (batchEmbedContents), Amazon Bedrock (Titan and Cohere through InvokeModel), Azure
// OpenAI deployments, and OpenAI-compatible hosts of open models with failover between them.
// Vectors come back in the encoding the client asked for whatever the upstream sent.
import OpenAI from "openai";
import { Decimal } from "decimal.js";
import { countTextTokens } from "@switchyard/metering";
import { float32Base64, MOCK_AWS_CREDENTIALS, mockEmbedding, mockTokenCount, startAzureMock, startBedrockMock, startGeminiMock, type AzureMock, type BedrockMock, type GeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let gemini: GeminiMock;
let bedrock: BedrockMock;
let azure: AzureMock;
let client: OpenAI;
let apiKey: string;

beforeAll(async () => {
  [gemini, bedrock, azure] = await Promise.all([
    startGeminiMock({ validKeys: ["house-google"] }),
    startBedrockMock(),
    startAzureMock({ apiKeys: ["house-az-key", "org-az-key"], deployments: { "text-embedding-3-small": "text-embedding-3-small", "team-embed": "text-embedding-3-large" } }),
  ]);
  h = await startHarness({
    allowlist: ["127.0.0.1"],
    baseUrls: { google: gemini.url, aws: bedrock.url },
    houseKeySecrets: { aws: JSON.stringify(MOCK_AWS_CREDENTIALS), azure: JSON.stringify({ endpoint: azure.url, apiKey: "house-az-key", deploymentName: "chat", apiVersion: "2024-10-21" }) },
  });
  apiKey = await h.project("credits");
  client = new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await Promise.all([gemini.close(), bedrock.close(), azure.close()]);
});
beforeEach(() => {
  for (const mock of [h.mock, gemini, bedrock, azure]) mock.reset();
  h.events.length = 0;
});

const post = async (body: Record<string, unknown>, key = apiKey) => {
  const res = await fetch(`${h.url}/v1/embeddings`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { res, body: (await res.json()) as { data: Array<{ index: number; embedding: number[] | string }>; model: string; usage: Record<string, unknown> & { prompt_tokens: number } } };
};

describe("Google AI Studio", () => {
  it("translates to batchEmbedContents, base64 for the SDK from Gemini's floats, usage estimated", async () => {
    const input = ["What is the meaning of life?", "How does the brain work?"];
    const res = await client.embeddings.create({ model: "gemini-embedding-001", input, dimensions: 768 });
    expect(gemini.requests).toHaveLength(1);
    expect(gemini.requests[0]!.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect(gemini.requests[0]!.headers["x-goog-api-key"]).toBe("house-google");
    expect(gemini.requests[0]!.body).toEqual({ requests: input.map((text) => ({ model: "models/gemini-embedding-001", content: { parts: [{ text }] }, outputDimensionality: 768 })) });
    expect(res.data.map((d) => d.embedding)).toEqual(input.map((text) => mockEmbedding("gemini-embedding-001", text, 768)));
    const tokens = input.reduce((sum, text) => sum + countTextTokens(text), 0);
    expect(res.usage).toMatchObject({ prompt_tokens: tokens, total_tokens: tokens, usage_estimated: true });
    expect(h.events[0]).toMatchObject({ endpoint: "embeddings", providerId: "google", model: "gemini-embedding-001", promptTokens: tokens, usageEstimated: true });
    expect(new Decimal(h.events[0]!.cost.total).toFixed(10)).toBe(new Decimal(tokens).times("0.15").div(1e6).toFixed(10));
  });

  it("splits 250 inputs into batches of 100, merged in order, and maps input_type to taskType", async () => {
    const input = Array.from({ length: 250 }, (_, i) => `passage ${i}`);
    const { body } = await post({ model: "google/gemini-embedding-001", input, dimensions: 8, input_type: "search_document", encoding_format: "float" });
    expect(gemini.requests.map((r) => (r.body as { requests: unknown[] }).requests.length)).toEqual([100, 100, 50]);
    expect((gemini.requests[0]!.body as { requests: Array<{ taskType: string }> }).requests[0]!.taskType).toBe("RETRIEVAL_DOCUMENT");
    expect(body.data.map((d) => d.index)).toEqual(input.map((_, i) => i));
    for (const i of [0, 99, 100, 249]) expect(body.data[i]!.embedding).toEqual(mockEmbedding("gemini-embedding-001", `passage ${i}`, 8));
  });

  it("passes Google's 400 through naming nothing secret", async () => {
    const { res, body } = await post({ model: "gemini-embedding-001", input: "x", dimensions: 5000 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(body)).toContain("output_dimensionality");
    expect(JSON.stringify(body)).not.toContain("house-google");
  });
});

describe("Amazon Bedrock", () => {
  it("Titan: one signed InvokeModel per input, merged in order, Bedrock's token counts", async () => {
    const input = ["alpha", "beta gamma", "delta epsilon zeta"];
    const res = await client.embeddings.create({ model: "amazon.titan-embed-text-v2", input, dimensions: 512, encoding_format: "float" });
    expect(bedrock.requests).toHaveLength(3);
    expect(bedrock.requests.every((r) => r.path === "/model/amazon.titan-embed-text-v2%3A0/invoke" && r.signature?.accessKeyId === MOCK_AWS_CREDENTIALS.accessKeyId)).toBe(true);
    expect(bedrock.requests.map((r) => r.body)).toEqual(expect.arrayContaining(input.map((inputText) => ({ inputText, normalize: true, dimensions: 512 }))));
    expect(res.data.map((d) => d.embedding)).toEqual(input.map((text) => mockEmbedding("amazon.titan-embed-text-v2:0", text, 512)));
    const tokens = input.reduce((sum, text) => sum + mockTokenCount(text), 0);
    expect(res.usage).toMatchObject({ prompt_tokens: tokens, usage_estimated: false });
    expect(h.events[0]).toMatchObject({ providerId: "aws", upstreamModel: "amazon.titan-embed-text-v2:0", promptTokens: tokens });
  });

  it("Titan refuses sizes it cannot make, naming dimensions", async () => {
    const { res, body } = await post({ model: "amazon.titan-embed-text-v2", input: "x", dimensions: 300 });
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: { param: "dimensions" } });
    expect(bedrock.requests).toHaveLength(0);
  });

  it("Cohere: batches of 96 with input_type, base64 for the client from Bedrock's floats", async () => {
    const input = Array.from({ length: 100 }, (_, i) => `query ${i}`);
    const { body } = await post({ model: "cohere.embed-english-v3", input, input_type: "search_query", encoding_format: "base64" });
    expect(bedrock.requests.map((r) => (r.body as { texts: string[] }).texts.length)).toEqual([96, 4]);
    expect(bedrock.requests[0]!.body).toMatchObject({ input_type: "search_query", embedding_types: ["float"] });
    expect(body.data[97]!.embedding).toBe(float32Base64(mockEmbedding("cohere.embed-english-v3", "query 97", 1024)));
    expect(body.usage.prompt_tokens).toBe(input.reduce((sum, text) => sum + mockTokenCount(text), 0));
    expect(h.events[0]).toMatchObject({ providerId: "aws", model: "cohere.embed-english-v3", usageEstimated: false });
  });
});

describe("Azure OpenAI", () => {
  it("sends the house key to the deployment named after the model, floats upstream, base64 to the SDK", async () => {
    const res = await client.embeddings.create({ model: "azure/text-embedding-3-small", input: ["one", "two three"], dimensions: 64 });
    expect(azure.requests[0]!.path).toBe("/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21");
    expect(azure.requests[0]!.headers["api-key"]).toBe("house-az-key");
    expect(azure.requests[0]!.body).toEqual({ model: "text-embedding-3-small", input: ["one", "two three"], dimensions: 64 });
    expect(res.data[1]!.embedding).toEqual(mockEmbedding("text-embedding-3-small", "two three", 64));
    expect(h.events[0]).toMatchObject({ providerId: "azure", keySource: "credits", promptTokens: 3 });
  });

  it("an organization's key with embeddingDeploymentName in BYOK mode", async () => {
    await h.setOrgKey("azure", JSON.stringify({ endpoint: azure.url, apiKey: "org-az-key", deploymentName: "chat", embeddingDeploymentName: "team-embed", apiVersion: "2024-10-21" }));
    const byok = await h.project("byok");
    const { res, body } = await post({ model: "azure/text-embedding-3-large", input: "team data", encoding_format: "float" }, byok);
    expect(res.status).toBe(200);
    expect(azure.requests[0]!.path).toBe("/openai/deployments/team-embed/embeddings?api-version=2024-10-21");
    expect(azure.requests[0]!.headers["api-key"]).toBe("org-az-key");
    expect(body.data[0]!.embedding).toEqual(mockEmbedding("text-embedding-3-large", "team data", 3072));
    expect(h.events[0]).toMatchObject({ providerId: "azure", keySource: "byok" });
    expect(h.events[0]!.amountBilled).toBe(h.events[0]!.markup);
  });
});

describe("OpenAI-compatible hosts of open models", () => {
  it("Together first, then DeepInfra when Together fails; each at its own price", async () => {
    h.mock.script((req) => (req.path.startsWith("/together/") ? { error: { status: 503 } } : undefined));
    const { res, body } = await post({ model: "bge-large-en-v1.5", input: ["open", "weights"], encoding_format: "float" });
    expect(res.status).toBe(200);
    expect(h.mock.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
      ["/together/v1/embeddings", "Bearer house-together"],
      ["/deepinfra/v1/embeddings", "Bearer house-deepinfra"],
    ]);
    expect((h.mock.requests[1]!.body as { model: string }).model).toBe("BAAI/bge-large-en-v1.5");
    expect(res.headers.get("x-switchyard-attempts")).toBe("2");
    expect(body.data[1]!.embedding).toEqual(mockEmbedding("BAAI/bge-large-en-v1.5", "weights", 1024));
    expect(h.events[0]).toMatchObject({ providerId: "deepinfra", attempts: 2, promptTokens: 2 });
    expect(new Decimal(h.events[0]!.cost.total).toFixed(10)).toBe(new Decimal(2).times("0.01").div(1e6).toFixed(10));
  });

  it("Fireworks serves nomic-embed-text-v1.5 and passes unknown parameters through", async () => {
    const { res } = await post({ model: "nomic-embed-text-v1.5", input: "search_query: hi", encoding_format: "float", task: "retrieval" });
    expect(res.status).toBe(200);
    expect(h.mock.requests[0]!.path).toBe("/fireworks/v1/embeddings");
    expect(h.mock.requests[0]!.body).toMatchObject({ model: "nomic-ai/nomic-embed-text-v1.5", task: "retrieval" });
  });
});
