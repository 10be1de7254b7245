// Amazon Bedrock through the gateway with the official OpenAI SDK: the Bedrock adapter signs
// Converse / ConverseStream requests (the mock recomputes every SigV4 signature) and translates
// both ways, the binary event stream included; keys are JSON credentials, the gateway's own and
// an organization's.
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { type BedrockMock, startBedrockMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

const HOUSE = { accessKeyId: "AKIAHOUSEBEDROCK0001", secretAccessKey: "house/secret+0123456789abcdefghijklmnopq", region: "us-east-1" };
const ORG = { accessKeyId: "AKIAORGBEDROCK000002", secretAccessKey: "org/secret+0123456789abcdefghijklmnopqrs", region: "eu-west-1", sessionToken: "FwoGZXIvYXdzEMOCK//token" };
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

let h: Harness;
let bmock: BedrockMock;
let credits: OpenAI;

beforeAll(async () => {
  bmock = await startBedrockMock({ credentials: { [HOUSE.accessKeyId]: { secretAccessKey: HOUSE.secretAccessKey }, [ORG.accessKeyId]: { secretAccessKey: ORG.secretAccessKey } } });
  h = await startHarness({ baseUrls: { aws: bmock.url }, houseKeySecrets: { aws: JSON.stringify(HOUSE) } });
  credits = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await bmock.close();
});
beforeEach(async () => {
  bmock.reset();
  h.events.length = 0;
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
});

const NOVA = "amazon.nova-pro";
const upstream = () => bmock.requests.at(-1)!;
const upstreamBody = () => upstream().body as Record<string, unknown>;
const weather = [{ type: "function" as const, function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("Amazon Bedrock through the OpenAI SDK", () => {
  it("answers with the house credentials, SigV4-signed, with usage and cost", async () => {
    bmock.enqueue({ text: "Bonjour.", usage: { inputTokens: 1000, outputTokens: 100, cacheReadInputTokens: 2000 } });
    const { data, response } = await credits.chat.completions
      .create({ model: NOVA, messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hello" }], max_tokens: 200, temperature: 0.3 })
      .withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("aws");
    expect(upstream().path).toBe("/model/amazon.nova-pro-v1%3A0/converse");
    expect(upstream().signature).toMatchObject({ accessKeyId: HOUSE.accessKeyId, region: "us-east-1", service: "bedrock" });
    expect(upstreamBody()).toEqual({ messages: [{ role: "user", content: [{ text: "Hello" }] }], system: [{ text: "Be brief." }], inferenceConfig: { maxTokens: 200, temperature: 0.3 } });
    expect(data.choices[0]).toMatchObject({ message: { role: "assistant", content: "Bonjour." }, finish_reason: "stop" });
    expect(data.usage).toMatchObject({ prompt_tokens: 3000, completion_tokens: 100, total_tokens: 3100, prompt_tokens_details: { cached_tokens: 2000 } });
    // Nova Pro: 1000 input at $0.80, 2000 cache reads at $0.20, 100 output at $3.20 per million.
    const usage = data.usage as unknown as Record<string, number>;
    expect(usage.cost_usd_total).toBeCloseTo(0.0008 + 0.0004 + 0.00032, 10);
    expect(h.events[0]).toMatchObject({ providerId: "aws", model: NOVA, upstreamModel: "amazon.nova-pro-v1:0", promptTokens: 3000, cachedTokens: 2000, completionTokens: 100, usageEstimated: false, priced: true, keySource: "credits" });
  });

  it("streams the event stream, and the streamed answer agrees with the non-streamed one", async () => {
    bmock.script(() => ({ text: "Hello there, traveller.", chunks: ["Hello ", "there, ", "traveller."], usage: { inputTokens: 12, outputTokens: 6 } }));
    const whole = await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] });
    const stream = credits.chat.completions.stream({ model: NOVA, messages: [{ role: "user", content: "Hi" }], stream_options: { include_usage: true } });
    const chunks: ChatCompletionChunk[] = [];
    stream.on("chunk", (c) => chunks.push(c));
    const final = await stream.finalChatCompletion();
    expect(upstream().path).toBe("/model/amazon.nova-pro-v1%3A0/converse-stream");
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").filter(Boolean)).toEqual(["Hello ", "there, ", "traveller."]);
    expect(final.choices[0]!.message.content).toBe(whole.choices[0]!.message.content);
    expect(final.choices[0]!.finish_reason).toBe(whole.choices[0]!.finish_reason);
    const usage = chunks.at(-1)!.usage as unknown as Record<string, number>;
    expect(usage).toMatchObject({ prompt_tokens: whole.usage!.prompt_tokens, completion_tokens: whole.usage!.completion_tokens });
    expect(usage.cost_usd_total).toBeGreaterThan(0);
    expect(h.events.map((e) => e.status)).toEqual(["success", "success"]);
  });

  it("round-trips a tool call", async () => {
    bmock.enqueue({ toolUses: [{ name: "get_weather", input: { city: "Oslo" }, toolUseId: "tooluse_oslo" }] }, { text: "Sunny in Oslo." });
    const first = await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Weather in Oslo?" }], tools: weather, tool_choice: { type: "function", function: { name: "get_weather" } } });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call).toMatchObject({ id: "tooluse_oslo", type: "function", function: { name: "get_weather" } });
    expect(upstreamBody().toolConfig).toMatchObject({ toolChoice: { tool: { name: "get_weather" } } });
    const second = await credits.chat.completions.create({
      model: NOVA,
      tools: weather,
      messages: [{ role: "user", content: "Weather in Oslo?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C, sunny" }],
    });
    expect(second.choices[0]!.message.content).toBe("Sunny in Oslo.");
    expect((upstreamBody().messages as unknown[]).slice(1)).toEqual([
      { role: "assistant", content: [{ toolUse: { toolUseId: "tooluse_oslo", name: "get_weather", input: { city: "Oslo" } } }] },
      { role: "user", content: [{ toolResult: { toolUseId: "tooluse_oslo", content: [{ text: "18°C, sunny" }] } }] },
    ]);
  });

  it("returns JSON schema output through Converse's outputConfig, and json_object through a forced tool", async () => {
    const schema = { type: "object", properties: { city: { type: "string" }, celsius: { type: "integer" } }, required: ["city", "celsius"], additionalProperties: false };
    const out = await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Oslo?" }], response_format: { type: "json_schema", json_schema: { name: "weather", schema, strict: true } } });
    expect(JSON.parse(out.choices[0]!.message.content!)).toEqual({ city: "mock", celsius: 0 });
    expect(upstreamBody().outputConfig).toEqual({ textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(schema), name: "weather" } } } });

    const chunks = await collect(await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "JSON please" }], response_format: { type: "json_object" }, stream: true }));
    expect(JSON.parse(chunks.map((c) => c.choices[0]?.delta.content ?? "").join(""))).toEqual({});
    expect(chunks.some((c) => c.choices[0]?.delta.tool_calls)).toBe(false);
  });

  it("asks Claude on Bedrock for thinking and returns reasoning_content", async () => {
    bmock.enqueue({ reasoning: "Six times seven.", text: "42" }, { reasoning: "Adaptive.", text: "42" });
    const haiku = await credits.chat.completions.create({ model: "aws/claude-haiku-4-5", messages: [{ role: "user", content: "6*7?" }], reasoning_effort: "medium" });
    expect(upstream().modelId).toBe("global.anthropic.claude-haiku-4-5-20251001-v1:0");
    expect(upstreamBody()).toMatchObject({ additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 8192 } }, inferenceConfig: { maxTokens: 8192 + 4096 } });
    expect(haiku.choices[0]!.message).toMatchObject({ content: "42", reasoning_content: "Six times seven." });

    const chunks = await collect(await credits.chat.completions.create({ model: "aws/claude-sonnet-4-6", messages: [{ role: "user", content: "6*7?" }], reasoning_effort: "high", stream: true }));
    expect(upstreamBody().additionalModelRequestFields).toEqual({ thinking: { type: "adaptive" }, output_config: { effort: "high" } });
    expect(chunks.map((c) => (c.choices[0]?.delta as { reasoning_content?: string } | undefined)?.reasoning_content ?? "").join("")).toBe("Adaptive.");
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("42");
  });

  it("sends base64 images as image blocks and refuses image URLs with a 400 naming them", async () => {
    await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${PIXEL}` } }] }] });
    expect((upstreamBody().messages as { content: unknown[] }[])[0]!.content).toEqual([{ text: "What is this?" }, { image: { format: "png", source: { bytes: PIXEL } } }]);
    const err = await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, param: "messages[0].content[0].image_url" });
  });

  it("maps Bedrock's errors to OpenAI's: throttling 429, model not ready 503, validation 400, an exception mid-stream", async () => {
    const ask = () => credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] });
    bmock.enqueue({ error: { type: "ThrottlingException" } }, { error: { type: "ModelNotReadyException" } }, { error: { type: "ValidationException", message: "The model returned the following errors: bad input" } });
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(ask()).rejects.toMatchObject({ status: 503 });
    const invalid = await ask().catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(OpenAI.BadRequestError);
    expect(String((invalid as Error).message)).toContain("bad input");

    bmock.enqueue({ chunks: ["one ", "two ", "three"], streamException: { type: "modelStreamErrorException", message: "The model failed", afterEvents: 3 } });
    const received: string[] = [];
    const err = await (async () => {
      for await (const c of await credits.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }], stream: true })) received.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(received.join("")).toBe("one two ");
    expect(h.events.at(-1)).toMatchObject({ status: "upstream_error", errorCode: "upstream_stream_failed" });
  });

  it("uses an organization's own JSON credentials (region and session token included), and never echoes them", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await expect(byok.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] })).rejects.toMatchObject({ status: 400, code: "provider_key_required" });
    await h.setOrgKey("aws", JSON.stringify(ORG));
    const { data, response } = await byok.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(response.headers.get("x-switchyard-key-source")).toBe("byok");
    expect(data.choices[0]!.message.content).toContain("amazon.nova-pro-v1:0");
    expect(upstream().signature).toMatchObject({ accessKeyId: ORG.accessKeyId, region: "eu-west-1" });
    expect(upstream().headers["x-amz-security-token"]).toBe(ORG.sessionToken);
    expect((data.usage as unknown as Record<string, unknown>).cost_usd_total).toEqual(expect.any(Number));

    await h.setOrgKey("aws", JSON.stringify({ ...ORG, secretAccessKey: "wrong-secret-0123456789" }));
    const rejected = await byok.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(String((rejected as Error).message)).not.toContain("wrong-secret");
  });

  it("falls back to credits when the own credentials are refused (hybrid), and takes inline byok_conf credentials", async () => {
    const hybrid = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("aws", JSON.stringify({ ...ORG, accessKeyId: "AKIAUNKNOWNKEY000003" }));
    const { response } = await hybrid.chat.completions.create({ model: NOVA, messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(response.headers.get("x-switchyard-byok-error")).toBe("key_rejected:aws");
    expect(bmock.requests.map((r) => r.signature?.accessKeyId ?? "refused")).toEqual(["refused", HOUSE.accessKeyId]);

    const inline = await hybrid.chat.completions
      .create({ model: NOVA, messages: [{ role: "user", content: "Hi" }], byok_conf: { provider: "aws", fallback: false, credentials: ORG } } as OpenAI.ChatCompletionCreateParamsNonStreaming)
      .withResponse();
    expect(inline.response.headers.get("x-switchyard-key-source")).toBe("byok");
    expect(upstream().signature?.accessKeyId).toBe(ORG.accessKeyId);
  });
});
