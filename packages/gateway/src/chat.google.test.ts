// Gemini through the gateway with the official OpenAI SDK: the Google AI Studio adapter
// translates requests and answers both ways against the faithful Gemini API mock.
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import { type GeminiMock, startGeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let gmock: GeminiMock;
let client: OpenAI;

beforeAll(async () => {
  gmock = await startGeminiMock({ validKeys: ["house-google", "AIza-org-key"] });
  h = await startHarness({ baseUrls: { google: gmock.url }, allowlist: ["127.0.0.1"] });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await gmock.close();
});
beforeEach(() => {
  gmock.reset();
  h.events.length = 0;
});

const upstream = () => gmock.requests.at(-1)!;
const upstreamBody = () => upstream().body as Record<string, unknown>;
const weather = [{ type: "function" as const, function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
type Usage = Record<string, unknown> & { completion_tokens_details?: { reasoning_tokens?: number }; prompt_tokens_details?: { cached_tokens?: number } };

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("Gemini through the OpenAI SDK", () => {
  it("translates a chat to generateContent and answers with usage and cost", async () => {
    gmock.enqueue({ content: "Bonjour.", usage: { promptTokenCount: 1000, cachedContentTokenCount: 400, candidatesTokenCount: 100 } });
    const { data, response } = await client.chat.completions
      .create({
        model: "google/gemini-2.5-flash",
        messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello" }, { role: "user", content: [{ type: "text", text: "In French?" }] }],
        temperature: 0.3,
        max_completion_tokens: 200,
        stop: ["END"],
        user: "user-42",
      })
      .withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("google");
    expect(upstream().path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(upstream().headers["x-goog-api-key"]).toBe("house-google");
    expect(upstreamBody()).toEqual({
      contents: [{ role: "user", parts: [{ text: "Hello" }, { text: "In French?" }] }],
      systemInstruction: { parts: [{ text: "Be brief." }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 200, stopSequences: ["END"] },
    });
    expect(data.choices[0]).toMatchObject({ message: { role: "assistant", content: "Bonjour." }, finish_reason: "stop" });
    const usage = data.usage as unknown as Usage;
    expect(usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 400 }, usage_estimated: false, key_source: "credits" });
    // 600 × $0.30 + 400 × $0.03 + 100 × $2.50 per million tokens.
    expect(usage.cost_usd_total).toBeCloseTo((600 * 0.3 + 400 * 0.03 + 100 * 2.5) / 1e6, 12);
    expect(h.events[0]).toMatchObject({ status: "success", providerId: "google", model: "gemini-2.5-flash", promptTokens: 1000, cachedTokens: 400 });
  });

  it("streams chunk by chunk through streamGenerateContent?alt=sse, usage chunk last", async () => {
    gmock.enqueue({ chunks: ["Hello ", "from ", "Gemini."] });
    const chunks = await collect(await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }], stream: true, stream_options: { include_usage: true } }));
    expect(upstream().path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(chunks.flatMap((c) => c.choices.map((x) => x.delta.content ?? "")).join("")).toBe("Hello from Gemini.");
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(3);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("stop");
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ usage_estimated: false, key_source: "credits" });
    expect((last.usage as unknown as Usage).cost_usd_total).toBeGreaterThan(0);
    expect(h.events[0]).toMatchObject({ status: "success", providerId: "google", usageEstimated: false });
  });

  it("round-trips tool calls on Gemini 3 (thought signatures carried in the call id), streaming and not", async () => {
    gmock.enqueue({ toolCalls: [{ name: "get_weather", args: { city: "Paris" } }] });
    const first = await client.chat.completions.create({ model: "gemini-3.5-flash", messages: [{ role: "user", content: "Weather in Paris?" }], tools: weather, tool_choice: "required" });
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    expect(upstreamBody()).toMatchObject({
      tools: [{ functionDeclarations: [{ name: "get_weather", description: "Weather for a city", parametersJsonSchema: weather[0]!.function.parameters }] }],
      toolConfig: { functionCallingConfig: { mode: "ANY" } },
    });

    gmock.enqueue({ content: "18°C and sunny in Paris." });
    const second = await client.chat.completions.create({
      model: "gemini-3.5-flash",
      messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C and sunny" }],
      tools: weather,
    });
    expect(second.choices[0]!.message.content).toBe("18°C and sunny in Paris.");
    const contents = upstreamBody().contents as Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    expect(contents.map((c) => c.role)).toEqual(["user", "model", "user"]);
    expect(contents[1]!.parts[0]).toMatchObject({ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: expect.any(String) });
    expect(contents[2]!.parts).toEqual([{ functionResponse: { name: "get_weather", response: { output: "18°C and sunny" } } }]);

    gmock.enqueue({ toolCalls: [{ name: "get_weather", args: { city: "Oslo" } }, { name: "get_weather", args: { city: "Bergen" } }] });
    const streamed = await client.chat.completions.stream({ model: "gemini-3.5-flash", messages: [{ role: "user", content: "Oslo and Bergen?" }], tools: weather }).finalChatCompletion();
    const calls = streamed.choices[0]!.message.tool_calls!.map((c) => (c.type === "function" ? JSON.parse(c.function.arguments) : null));
    expect(calls).toEqual([{ city: "Oslo" }, { city: "Bergen" }]);
    expect(streamed.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("turns json_schema into responseJsonSchema and returns matching JSON", async () => {
    const schema = { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false };
    const res = await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "A person" }], response_format: { type: "json_schema", json_schema: { name: "person", strict: true, schema } } });
    expect(upstreamBody().generationConfig).toEqual({ responseMimeType: "application/json", responseJsonSchema: schema });
    expect(Object.keys(JSON.parse(res.choices[0]!.message.content!))).toEqual(["name", "age"]);
  });

  it("maps reasoning_effort to thinkingConfig and returns thoughts as reasoning_content with reasoning tokens", async () => {
    gmock.enqueue({ thoughts: "Let me think about it.", usage: { thoughtsTokenCount: 40 } }, { thoughts: "Let me think about it." });
    const res = await client.chat.completions.create({ model: "gemini-2.5-pro", messages: [{ role: "user", content: "Why?" }], reasoning_effort: "high" });
    expect((upstreamBody().generationConfig as Record<string, unknown>).thinkingConfig).toEqual({ thinkingBudget: 32768, includeThoughts: true });
    expect((res.choices[0]!.message as unknown as { reasoning_content: string }).reasoning_content).toBe("Let me think about it.");
    expect((res.usage as unknown as Usage).completion_tokens_details?.reasoning_tokens).toBe(40);

    const chunks = await collect(await client.chat.completions.create({ model: "gemini-3.5-flash", messages: [{ role: "user", content: "Why?" }], reasoning_effort: "low", stream: true }));
    expect((upstreamBody().generationConfig as Record<string, unknown>).thinkingConfig).toEqual({ thinkingLevel: "LOW", includeThoughts: true });
    const reasoning = chunks.map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "").join("");
    expect(reasoning).toBe("Let me think about it.");
    expect(h.events.at(-1)!.reasoningTokens).toBeGreaterThan(0);
  });

  it("sends a base64 image inline", async () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } }] }] });
    expect((upstreamBody().contents as Array<{ parts: unknown[] }>)[0]!.parts).toEqual([{ text: "What is this?" }, { inlineData: { mimeType: "image/png", data: png } }]);
  });

  it("answers the same, streamed or not, to the same scripted upstream", async () => {
    const script = { content: "Same answer either way.", thoughts: "Same thoughts.", toolCalls: [{ name: "get_weather", args: { city: "Rome" } }], usage: { promptTokenCount: 50, candidatesTokenCount: 20, thoughtsTokenCount: 10 } };
    gmock.enqueue(script, script);
    const request = { model: "gemini-2.5-flash", messages: [{ role: "user" as const, content: "Rome?" }], tools: weather, reasoning_effort: "medium" as const };
    const plain = await client.chat.completions.create(request);
    const streamed = await client.chat.completions.stream({ ...request, stream_options: { include_usage: true } }).finalChatCompletion();
    const view = (c: ChatCompletion) => ({
      content: c.choices[0]!.message.content,
      reasoning: (c.choices[0]!.message as unknown as { reasoning_content?: string }).reasoning_content,
      calls: c.choices[0]!.message.tool_calls?.map((t) => (t.type === "function" ? [t.function.name, t.function.arguments] : null)),
      finish: c.choices[0]!.finish_reason,
      usage: { prompt: c.usage?.prompt_tokens, completion: c.usage?.completion_tokens, reasoning: c.usage?.completion_tokens_details?.reasoning_tokens },
    });
    expect(view(streamed)).toEqual(view(plain));
    expect(view(plain)).toMatchObject({ content: "Same answer either way.", finish: "tool_calls", usage: { prompt: 50, completion: 30, reasoning: 10 } });
  });

  it("maps Google's errors to OpenAI's: 429 with retry-after, 503 overloaded, 400 naming the parameter", async () => {
    gmock.enqueue({ error: { status: 429 } }, { error: { status: 503 } }, { error: { status: 400 } });
    const limited = (await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers?.get("retry-after")).toBe("13");
    const overloaded = (await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(overloaded.status).toBe(503);
    expect(await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)).toBeInstanceOf(OpenAI.BadRequestError);
    const refused = (await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "x" }], logprobs: true }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused.param).toBe("logprobs");
    expect(gmock.requests).toHaveLength(3);
  });
});

describe("routing to Google AI Studio", () => {
  it("x-byok-provider: google (or its alias) with a Gemini model routes to Google with the organization's key", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("google", "AIza-org-key");
    for (const provider of ["google", "google-ai-studio"]) {
      const { response } = await byok.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] }, { headers: { "x-byok-provider": provider } }).withResponse();
      expect(response.headers.get("x-switchyard-provider")).toBe("google");
      expect(response.headers.get("x-switchyard-key-source")).toBe("byok");
      expect(upstream().headers["x-goog-api-key"]).toBe("AIza-org-key");
    }
    const pinned = await client.chat.completions.create({ model: "google-ai-studio/gemini-2.5-flash-lite", messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect(pinned.response.headers.get("x-switchyard-provider")).toBe("google");
    expect(upstream().path).toBe("/v1beta/models/gemini-2.5-flash-lite:generateContent");
    await client.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }], byok_conf: { provider: "google-ai-studio", fallback: false, credentials: "AIza-org-key" } } as never);
    expect(upstream().headers["x-goog-api-key"]).toBe("AIza-org-key");
  });

  it("sends an own key with its own base URL (a root: Switchyard appends /v1beta) to that URL", async () => {
    const proxy = await startGeminiMock({ validKeys: ["AIza-org-key"] });
    try {
      const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
      await h.setOrgKey("google", "AIza-org-key", "active", { baseUrl: `${proxy.url}/` });
      const res = await byok.chat.completions.create({ model: "google/gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] });
      expect(res.choices[0]!.message.content).toBeTruthy();
      expect(proxy.requests.map((r) => r.path)).toEqual(["/v1beta/models/gemini-2.5-flash:generateContent"]);
      expect(gmock.requests).toHaveLength(0);
    } finally {
      await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
      await proxy.close();
    }
  });

  it("falls back from a rejected own key (API_KEY_INVALID) to credits in hybrid mode", async () => {
    const hybrid = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("google", "AIza-revoked");
    const { response } = await hybrid.chat.completions.create({ model: "gemini-2.5-flash", messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(response.headers.get("x-switchyard-byok-error")).toBe("key_rejected:google");
    expect(gmock.requests.map((r) => r.headers["x-goog-api-key"])).toEqual(["AIza-revoked", "house-google"]);
  });
});
