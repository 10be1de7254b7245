// POST /v1/embeddings with the official OpenAI SDK against the OpenAI mock: floats and base64
// (the SDK's default, which it decodes) carry exactly the mock's numbers, OpenAI's 2048 inputs in
// order, token arrays, cost in `usage`, the usage event, and 400s that name the parameter (more
// than 2048 inputs, answers over inputs × dimensions' bound).
import OpenAI from "openai";
import { countTextTokens } from "@switchyard/metering";
import { float32Base64, mockEmbedding, mockTokenCount } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;
let apiKey: string;
beforeAll(async () => {
  h = await startHarness();
  apiKey = await h.project("credits");
  client = new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type Usage = Record<string, unknown> & { prompt_tokens: number; total_tokens: number };
const upstreamBodies = () => h.mock.requests.filter((r) => r.path.endsWith("/embeddings")).map((r) => r.body as Record<string, unknown>);
const post = (body: unknown, base = "/v1") =>
  fetch(`${h.url}${base}/embeddings`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });

describe("embeddings through the OpenAI SDK", () => {
  it("float: the mock's numbers, in order, with usage, cost and one usage event", async () => {
    const { data, response } = await client.embeddings
      .create({ model: "text-embedding-3-small", input: ["The quick brown fox", "jumps"], encoding_format: "float", user: "user-7" })
      .withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(upstreamBodies()[0]).toEqual({ model: "text-embedding-3-small", input: ["The quick brown fox", "jumps"], encoding_format: "float", user: "user-7" });
    expect(h.mock.requests[0]!.path).toBe("/openai/v1/embeddings");
    expect(h.mock.requests[0]!.headers.authorization).toBe("Bearer house-openai");
    expect(data.object).toBe("list");
    expect(data.model).toBe("text-embedding-3-small");
    expect(data.data.map((d) => d.index)).toEqual([0, 1]);
    expect(data.data[0]!.embedding).toEqual(mockEmbedding("text-embedding-3-small", "The quick brown fox", 1536));
    expect(data.data[1]!.embedding).toEqual(mockEmbedding("text-embedding-3-small", "jumps", 1536));
    const tokens = mockTokenCount("The quick brown fox") + mockTokenCount("jumps");
    const usage = data.usage as unknown as Usage;
    expect(usage).toMatchObject({ prompt_tokens: tokens, total_tokens: tokens, usage_estimated: false, key_source: "credits", cost_priced: true });
    expect(usage.cost_usd_total).toBeCloseTo((tokens * 0.02) / 1e6, 12);
    expect(usage.cost_usd_input).toBe(usage.cost_usd_total);
    expect(usage.cost_usd_output).toBe(0);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "embeddings", status: "success", providerId: "openai", model: "text-embedding-3-small", promptTokens: tokens, completionTokens: 0, keySource: "credits", usageEstimated: false, attempts: 1 });
    expect(Number(h.events[0]!.cost.total)).toBeCloseTo((tokens * 0.02) / 1e6, 12);
  });

  it("base64 by default: the SDK decodes exactly the mock's float32 values", async () => {
    const res = await client.embeddings.create({ model: "text-embedding-3-large", input: "hello world", dimensions: 256 });
    expect(upstreamBodies()[0]).toMatchObject({ encoding_format: "base64", dimensions: 256 });
    expect(res.data[0]!.embedding).toEqual(mockEmbedding("text-embedding-3-large", "hello world", 256));
    const raw = await client.embeddings.create({ model: "text-embedding-3-large", input: "hello world", dimensions: 256, encoding_format: "base64" });
    expect(raw.data[0]!.embedding as unknown as string).toBe(float32Base64(mockEmbedding("text-embedding-3-large", "hello world", 256)));
  });

  it("takes OpenAI's 2048 inputs in one upstream request, in order, with one usage event", async () => {
    const input = Array.from({ length: 2048 }, (_, i) => `document number ${i}`);
    const res = await client.embeddings.create({ model: "text-embedding-3-small", input, dimensions: 4 });
    expect(upstreamBodies().map((b) => (b.input as string[]).length)).toEqual([2048]);
    expect(res.data).toHaveLength(2048);
    expect(res.data.every((d, i) => d.index === i)).toBe(true);
    for (const i of [0, 1000, 2047]) expect(res.data[i]!.embedding).toEqual(mockEmbedding("text-embedding-3-small", `document number ${i}`, 4));
    const tokens = input.reduce((sum, text) => sum + mockTokenCount(text), 0);
    expect(res.usage.prompt_tokens).toBe(tokens);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]!.promptTokens).toBe(tokens);
  });

  it("answers large float vectors in full: 300 × 3072 floats, exactly the mock's numbers", async () => {
    const input = Array.from({ length: 300 }, (_, i) => `long vector ${i}`);
    const res = await post({ model: "text-embedding-3-large", input, encoding_format: "float" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ index: number; embedding: number[] }>; usage: Usage };
    expect(body.data.map((d) => d.index)).toEqual(input.map((_, i) => i));
    for (const i of [0, 150, 299]) expect(body.data[i]!.embedding).toEqual(mockEmbedding("text-embedding-3-large", input[i]!, 3072));
    expect(body.usage).toMatchObject({ prompt_tokens: h.events[0]!.promptTokens, key_source: "credits" });
  });

  it("takes token arrays, and serves /api/v1 too", async () => {
    const res = await client.embeddings.create({ model: "text-embedding-3-small", input: [[1, 2, 3], [400]], encoding_format: "float" });
    expect(upstreamBodies()[0]!.input).toEqual([[1, 2, 3], [400]]);
    expect(res.data[1]!.embedding).toEqual(mockEmbedding("text-embedding-3-small", [400], 1536));
    expect(res.usage.prompt_tokens).toBe(4);
    const single = await post({ model: "openai/text-embedding-3-small", input: [5, 6], encoding_format: "float" }, "/api/v1");
    expect(single.status).toBe(200);
    expect(((await single.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it("estimates usage when the upstream reports none", async () => {
    h.mock.enqueue({ omitUsage: true });
    const res = await client.embeddings.create({ model: "text-embedding-3-small", input: "Hello, world!" });
    expect(res.usage).toMatchObject({ prompt_tokens: 4, usage_estimated: true });
    expect(h.events[0]).toMatchObject({ promptTokens: 4, usageEstimated: true });
  });

  it("bills the estimated input when the client leaves before the answer", async () => {
    h.mock.enqueue({ firstByteDelayMs: 5000 });
    const controller = new AbortController();
    const pending = fetch(`${h.url}/v1/embeddings`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "text-embedding-3-small", input: "left before the answer" }),
      signal: controller.signal,
    }).catch(() => undefined);
    await until(() => h.mock.requests.length === 1);
    controller.abort();
    await pending;
    await until(() => h.events.length === 1);
    expect(h.events[0]).toMatchObject({ endpoint: "embeddings", status: "client_abort", httpStatus: 499, promptTokens: countTextTokens("left before the answer"), usageEstimated: true });
    await until(() => h.mock.requests[0]!.aborted);
  });

  it("passes an upstream's own 400 through with its parameter, billing nothing", async () => {
    const res = await post({ model: "text-embedding-ada-002", input: "x", dimensions: 8 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; param: string | null } };
    expect(body.error.message).toContain("This model does not support specifying dimensions.");
    expect(h.events[0]).toMatchObject({ status: "upstream_error", httpStatus: 400, amountBilled: "0.0000000000" });
  });
});

describe("embeddings input checks", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a missing input", { model: "text-embedding-3-small" }, "input", /Missing required parameter: input/],
    ["an empty string", { model: "text-embedding-3-small", input: "" }, "input", /empty string/],
    ["an empty array", { model: "text-embedding-3-small", input: [] }, "input", /empty array/],
    ["an empty string in an array", { model: "text-embedding-3-small", input: ["a", ""] }, "input", /input\[1\] is an empty string/],
    ["more inputs than OpenAI takes", { model: "text-embedding-3-small", input: Array.from({ length: 2049 }, () => "x") }, "input", /2049 items; at most 2048/],
    ["inputs × dimensions over the answer's bound", { model: "text-embedding-3-small", input: Array.from({ length: 1000 }, () => "x"), dimensions: 8192 }, "dimensions", /8192000 values; at most 6291456 .*at most 768 inputs/],
    ["non-integer tokens", { model: "text-embedding-3-small", input: [[1, 2.5]] }, "input", /input\[0\]\[1\] is not a token id/],
    ["negative tokens", { model: "text-embedding-3-small", input: [1, -2] }, "input", /input\[1\] is not a token id/],
    ["an empty token array", { model: "text-embedding-3-small", input: [[1], []] }, "input", /input\[1\] is an empty token array/],
    ["a mix of strings and tokens", { model: "text-embedding-3-small", input: ["a", 1] }, "input", /not a mix/],
    ["an object", { model: "text-embedding-3-small", input: { text: "a" } }, "input", /must be a string/],
    ["zero dimensions", { model: "text-embedding-3-small", input: "a", dimensions: 0 }, "dimensions", /positive integer/],
    ["fractional dimensions", { model: "text-embedding-3-small", input: "a", dimensions: 1.5 }, "dimensions", /positive integer/],
    ["an unknown encoding", { model: "text-embedding-3-small", input: "a", encoding_format: "hex" }, "encoding_format", /"float" or "base64"/],
    ["a non-string user", { model: "text-embedding-3-small", input: "a", user: 5 }, "user", /user must be a string/],
    ["a missing model", { input: "a" }, "model", /Missing required parameter: model/],
    ["bad byok_conf", { model: "text-embedding-3-small", input: "a", byok_conf: { provider: "openai", credentials: 5 } }, "byok_conf", /byok_conf/],
  ];
  it.each(cases)("refuses %s with a 400 naming the parameter, before any upstream call", async (_name, body, param, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { param: string; message: string; type: string } };
    expect(error).toMatchObject({ param, type: "invalid_request_error" });
    expect(error.message).toMatch(message);
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
  });

  it("refuses a chat model, naming the endpoint to call", async () => {
    const res = await post({ model: "gpt-4o-mini", input: "a" });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; param: string; message: string } };
    expect(error).toMatchObject({ code: "wrong_model_kind", param: "model" });
    expect(error.message).toContain("POST /v1/chat/completions");
  });

  it("an embedding model on chat completions is a 400 naming /v1/embeddings; GET /v1/models lists it as kind embedding", async () => {
    const res = await fetch(`${h.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" }, body: JSON.stringify({ model: "text-embedding-3-small", messages: [{ role: "user", content: "hi" }] }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("POST /v1/embeddings");
    const models = (await (await fetch(`${h.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { data: Array<{ id: string; kind: string }> };
    expect(models.data.find((m) => m.id === "text-embedding-3-small")?.kind).toBe("embedding");
    expect(models.data.find((m) => m.id === "gemini-embedding-001")?.kind).toBe("embedding");
  });

  it("refuses a provider that does not offer the model, naming the provider", async () => {
    const res = await post({ model: "groq/text-embedding-3-small", input: "a" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("groq");
  });

  it("refuses a token array for a provider that takes text only, naming input", async () => {
    const res = await post({ model: "gemini-embedding-001", input: [[1, 2]] });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { param: string; message: string } };
    expect(error.param).toBe("input");
    expect(error.message).toContain("Google AI Studio (google)");
  });
});
