// OpenAI's Responses API through the gateway with the official OpenAI SDK speaking chat
// completions: the openai-responses adapter translates both ways against the Responses mock;
// azure-responses reaches the same mock with Azure addressing and a BYOK JSON key.
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { startResponsesMock, type ResponsesMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let rmock: ResponsesMock;
let client: OpenAI;

beforeAll(async () => {
  rmock = await startResponsesMock();
  h = await startHarness({ baseUrls: { "openai-responses": `${rmock.url}/v1` }, allowlist: ["127.0.0.1"] });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await rmock.close();
});
beforeEach(() => {
  rmock.reset();
  h.events.length = 0;
});

const MODEL = "openai-responses/gpt-4.1-mini";
const upstream = () => rmock.requests.at(-1)!;
const upstreamBody = () => upstream().body as Record<string, unknown>;
const weather = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
const reasoningOf = (chunks: ChatCompletionChunk[]) => chunks.map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "").join("");

describe("the Responses API through the OpenAI SDK", () => {
  it("answers a chat completion from POST /v1/responses, with usage and cost", async () => {
    rmock.enqueue({ content: "Hi there.", usage: { prompt_tokens: 1200, cached_tokens: 200, completion_tokens: 30 } });
    const { data, response } = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello" }], temperature: 0.5, max_tokens: 64 })
      .withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("openai-responses");
    expect(upstream()).toMatchObject({ path: "/v1/responses", headers: { authorization: "Bearer house-openai-responses" } });
    expect(upstreamBody()).toEqual({
      model: "gpt-4.1-mini",
      input: [{ type: "message", role: "system", content: "Be brief." }, { type: "message", role: "user", content: "Hello" }],
      temperature: 0.5,
      max_output_tokens: 64,
      store: false,
    });
    expect(data.choices[0]).toMatchObject({ finish_reason: "stop", message: { role: "assistant", content: "Hi there." } });
    const usage = data.usage as unknown as Record<string, unknown>;
    expect(usage).toMatchObject({ prompt_tokens: 1200, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 200 }, key_source: "credits" });
    // 1000 × $0.40 + 200 × $0.10 + 30 × $1.60 per million.
    expect(usage.cost_usd_total).toBeCloseTo(0.000468, 9);
    expect(h.events[0]).toMatchObject({ providerId: "openai-responses", model: "gpt-4.1-mini", promptTokens: 1200, cachedTokens: 200, usageEstimated: false });
  });

  it("streams chunk by chunk, with the usage chunk only when asked and billed either way", async () => {
    rmock.enqueue({ chunks: ["One ", "two ", "three."] }, { chunks: ["Four."] });
    const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Count" }], stream: true, stream_options: { include_usage: true } }));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("One two three.");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { key_source: "credits" } });
    expect((chunks.at(-1)!.usage as unknown as { cost_usd_total: number }).cost_usd_total).toBeGreaterThan(0);
    expect(upstreamBody()).toMatchObject({ stream: true });
    expect(upstreamBody()).not.toHaveProperty("stream_options");
    const final = await client.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "More" }] }).finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe("Four.");
    expect(final.usage).toBeFalsy();
    expect(h.events.map((e) => e.usageEstimated)).toEqual([false, false]);
  });

  it("round-trips tool calls: function_call and function_call_output items, streamed and not", async () => {
    rmock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] });
    const first = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }], tools: weather, tool_choice: { type: "function", function: { name: "get_weather" } } });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    expect(upstreamBody()).toMatchObject({ tools: [{ type: "function", name: "get_weather", strict: false }], tool_choice: { type: "function", name: "get_weather" } });

    const second = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C and sunny" }],
      tools: weather,
    });
    expect(second.choices[0]!.message.content).toBeTruthy();
    expect((upstreamBody().input as Array<Record<string, unknown>>).slice(1)).toEqual([
      { type: "function_call", call_id: call.id, name: "get_weather", arguments: '{"city":"Paris"}' },
      { type: "function_call_output", call_id: call.id, output: "18°C and sunny" },
    ]);

    rmock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }, { name: "get_weather", arguments: { city: "Rome" } }] });
    const streamed = await client.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "Oslo and Rome?" }], tools: weather }).finalChatCompletion();
    expect(streamed.choices[0]!.message.tool_calls!.map((c) => c.type === "function" && JSON.parse(c.function.arguments))).toEqual([{ city: "Oslo" }, { city: "Rome" }]);
    expect(streamed.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("maps json_schema to text.format and returns schema-valid JSON", async () => {
    const schema = { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false };
    const res = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "A person" }], response_format: { type: "json_schema", json_schema: { name: "person", strict: true, schema } } });
    expect(upstreamBody().text).toEqual({ format: { type: "json_schema", name: "person", strict: true, schema } });
    expect(Object.keys(JSON.parse(res.choices[0]!.message.content!))).toEqual(["name", "age"]);
  });

  it("asks for reasoning summaries and returns them as reasoning_content, with reasoning tokens", async () => {
    rmock.enqueue({ reasoning: ["First, recall.", "Then, answer."], content: "42." });
    const res = await client.chat.completions.create({ model: "openai-responses/o4-mini", messages: [{ role: "user", content: "Meaning?" }], reasoning_effort: "high" });
    expect(upstreamBody().reasoning).toEqual({ effort: "high", summary: "auto" });
    expect((res.choices[0]!.message as unknown as { reasoning_content: string }).reasoning_content).toBe("First, recall.\n\nThen, answer.");
    expect(res.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThan(0);
    expect(h.events[0]!.reasoningTokens).toBe(res.usage!.completion_tokens_details!.reasoning_tokens);
  });

  it("sends image inputs (URL and base64) as input_image parts", async () => {
    await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: [{ type: "text", text: "Compare" }, { type: "image_url", image_url: { url: "https://example.com/a.png" } }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" } }] }],
    });
    expect((upstreamBody().input as Array<{ content: unknown }>)[0]!.content).toEqual([
      { type: "input_text", text: "Compare" },
      { type: "input_image", image_url: "https://example.com/a.png", detail: "auto" },
      { type: "input_image", image_url: "data:image/png;base64,iVBORw0KGgo=", detail: "high" },
    ]);
  });

  it("agrees streamed and not for the same scripted answer", async () => {
    const script = { reasoning: ["Think."], content: "Calling.", toolCalls: [{ name: "get_weather", arguments: { city: "Lima" }, id: "call_same" }], usage: { prompt_tokens: 50, completion_tokens: 20, reasoning_tokens: 8 } };
    rmock.enqueue(script, script);
    const request = { model: "openai-responses/o4-mini", messages: [{ role: "user" as const, content: "Lima?" }], tools: weather, reasoning_effort: "low" as const };
    const plain = await client.chat.completions.create(request);
    const chunks = await collect(await client.chat.completions.create({ ...request, stream: true, stream_options: { include_usage: true } }));
    const streamedCalls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe(plain.choices[0]!.message.content);
    expect(reasoningOf(chunks)).toBe((plain.choices[0]!.message as unknown as { reasoning_content: string }).reasoning_content);
    expect(streamedCalls.filter((c) => c.id).map((c) => [c.id, c.function?.name])).toEqual(plain.choices[0]!.message.tool_calls!.map((c) => [c.id, c.type === "function" && c.function.name]));
    expect(streamedCalls.map((c) => c.function?.arguments ?? "").join("")).toBe('{"city":"Lima"}');
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]!.finish_reason).toBe(plain.choices[0]!.finish_reason);
    const { prompt_tokens, completion_tokens, completion_tokens_details } = chunks.at(-1)!.usage!;
    expect({ prompt_tokens, completion_tokens, completion_tokens_details }).toEqual({ prompt_tokens: plain.usage!.prompt_tokens, completion_tokens: plain.usage!.completion_tokens, completion_tokens_details: plain.usage!.completion_tokens_details });
  });

  it("maps errors: 400 naming what Responses cannot honour, 429 with retry-after, a failed response as 502", async () => {
    const refused = (await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }], stop: ["END"] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.param).toBe("stop");
    expect(rmock.requests).toHaveLength(0);

    rmock.enqueue({ error: { status: 429 } }, { failed: { code: "server_error", message: "The model failed." } });
    const limited = (await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    const failed = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }], stream: true }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ status: 502 });
    expect(h.events.map((e) => [e.status, e.httpStatus])).toEqual([["upstream_error", 400], ["upstream_error", 429], ["upstream_error", 502]]);
  });
});

describe("Azure OpenAI's Responses API with an organization's JSON key", () => {
  it("posts to {endpoint}/openai/v1/responses with api-key, the model as deployment name", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("azure-responses", JSON.stringify({ endpoint: rmock.url, apiKey: "org-azure-key", apiVersion: "v1" }));
    rmock.enqueue({ chunks: ["Hello ", "Azure."] });
    const { data, response } = await byok.chat.completions.create({ model: "azure-responses/gpt-4.1", messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(upstream()).toMatchObject({ path: "/openai/v1/responses", headers: { "api-key": "org-azure-key" }, body: { model: "gpt-4.1" } });
    expect(upstream().headers).not.toHaveProperty("authorization");
    expect(response.headers.get("x-switchyard-key-source")).toBe("byok");
    expect(data.choices[0]!.message.content).toBe("Hello Azure.");
    expect(data.usage).toMatchObject({ is_byok: true, key_source: "byok" });
  });
});
