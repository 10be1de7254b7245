// Azure OpenAI through the gateway with the official OpenAI SDK: organization keys are JSON
// credentials (endpoint, apiKey, deploymentName, apiVersion); `azure/<model>` sends the request
// to the key's deployment and prices it as the named model. Against the Azure OpenAI mock.
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { startAzureMock, startResponsesMock, type AzureMock, type ResponsesMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let azure: AzureMock;
let responses: ResponsesMock;
let byok: OpenAI;

const creds = (over: Record<string, string> = {}) => JSON.stringify({ endpoint: azure.url, apiKey: "org-az-key", deploymentName: "prod-4o-mini", apiVersion: "2024-10-21", ...over });

beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: ["org-az-key", "house-az-key"], deployments: { "prod-4o-mini": "gpt-4o-mini-2024-07-18", "prod-o4": "o4-mini-2025-04-16" } });
  responses = await startResponsesMock();
  h = await startHarness({
    allowlist: ["127.0.0.1"],
    baseUrls: { "openai-responses": `${responses.url}/v1` },
    houseKeys: ["azure"],
    houseKeySecrets: { azure: JSON.stringify({ endpoint: azure.url, apiKey: "house-az-key", deploymentName: "prod-4o-mini", apiVersion: "2024-10-21" }) },
  });
  byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await azure.close();
  await responses.close();
});
beforeEach(async () => {
  azure.reset();
  responses.reset();
  h.events.length = 0;
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  await h.setOrgKey("azure", creds());
});

const MODEL = "azure/gpt-4o-mini";
const upstream = () => azure.requests.at(-1)!;
const upstreamBody = () => upstream().body as Record<string, unknown>;
const weather = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("Azure OpenAI through the OpenAI SDK", () => {
  it("sends azure/<model> to the key's deployment with api-key and api-version, priced as the named model", async () => {
    azure.enqueue({ content: "Hello from Azure.", usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const { data, response } = await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }], max_completion_tokens: 200 }).withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("azure");
    expect(upstream()).toMatchObject({ path: "/openai/deployments/prod-4o-mini/chat/completions?api-version=2024-10-21", headers: { "api-key": "org-az-key" } });
    expect(upstream().headers).not.toHaveProperty("authorization");
    expect(upstreamBody()).toMatchObject({ model: "prod-4o-mini", max_completion_tokens: 200 });
    expect(data).toMatchObject({ model: "gpt-4o-mini-2024-07-18", choices: [{ message: { content: "Hello from Azure." } }] });
    const usage = data.usage as unknown as Record<string, unknown>;
    expect(usage).toMatchObject({ key_source: "byok", is_byok: true, usage_estimated: false });
    // 1000 × $0.15 + 100 × $0.60 per million.
    expect(usage.cost_usd_total).toBeCloseTo(0.00021, 10);
    expect(h.events[0]).toMatchObject({ providerId: "azure", model: "gpt-4o-mini", upstreamModel: "gpt-4o-mini", keySource: "byok" });
  });

  it("streams valid OpenAI chunks (Azure's filter annotations dropped), usage with cost when asked", async () => {
    azure.enqueue({ asyncFilter: true, chunks: ["Par", "is."] }, { asyncFilter: true });
    const chunks = await collect(await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Capital?" }], stream: true, stream_options: { include_usage: true } }));
    expect(chunks.every((c) => c.id !== "" && c.object === "chat.completion.chunk")).toBe(true);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Paris.");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { key_source: "byok" } });
    expect((chunks.at(-1)!.usage as unknown as { cost_usd_total: number }).cost_usd_total).toBeGreaterThan(0);
    const final = await byok.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "Again" }] }).finalChatCompletion();
    expect(final.choices[0]!.message.content).toContain("Hello from mock upstream");
    expect(upstreamBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(h.events.map((e) => e.usageEstimated)).toEqual([false, false]);
  });

  it("round-trips tool calls, streaming and not", async () => {
    azure.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] });
    const first = await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }], tools: weather, tool_choice: "required" });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(upstreamBody()).toMatchObject({ tools: weather, tool_choice: "required" });
    await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C" }], tools: weather });
    expect((upstreamBody().messages as Array<{ role: string }>).map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    azure.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] });
    const streamed = await byok.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "Oslo?" }], tools: weather }).finalChatCompletion();
    const sCall = streamed.choices[0]!.message.tool_calls![0]!;
    expect(sCall.type === "function" && JSON.parse(sCall.function.arguments)).toEqual({ city: "Oslo" });
  });

  it("passes json_schema structured output and image inputs through", async () => {
    const response_format = { type: "json_schema" as const, json_schema: { name: "city", strict: true, schema: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false } } };
    const content = [{ type: "text" as const, text: "Which city?" }, { type: "image_url" as const, image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }];
    const res = await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content }], response_format });
    expect(upstreamBody()).toMatchObject({ response_format, messages: [{ role: "user", content }] });
    expect(Object.keys(JSON.parse(res.choices[0]!.message.content!))).toEqual(["name"]);
  });

  it("serves a reasoning deployment: reasoning_effort passes through, reasoning tokens are billed", async () => {
    await h.setOrgKey("azure", creds({ deploymentName: "prod-o4" }));
    azure.enqueue({ usage: { prompt_tokens: 100, completion_tokens: 300, reasoning_tokens: 256 } });
    const res = await byok.chat.completions.create({ model: "azure/o4-mini", messages: [{ role: "user", content: "Think." }], reasoning_effort: "medium" });
    expect(upstream().path).toContain("/deployments/prod-o4/");
    expect(upstreamBody()).toMatchObject({ reasoning_effort: "medium" });
    expect(res.usage!.completion_tokens_details!.reasoning_tokens).toBe(256);
    expect(h.events[0]).toMatchObject({ model: "o4-mini", reasoningTokens: 256 });
  });

  it("agrees streamed and not for the same scripted answer", async () => {
    const script = { content: "Sunny in Lima.", toolCalls: [{ name: "get_weather", arguments: { city: "Lima" }, id: "call_same" }], usage: { prompt_tokens: 40, completion_tokens: 12 } };
    azure.enqueue(script, script);
    const request = { model: MODEL, messages: [{ role: "user" as const, content: "Lima?" }], tools: weather };
    const plain = await byok.chat.completions.create(request);
    const streamed = await byok.chat.completions.stream(request).finalChatCompletion();
    expect(streamed.choices[0]!.message.content).toBe(plain.choices[0]!.message.content);
    expect(streamed.choices[0]!.message.tool_calls).toEqual(plain.choices[0]!.message.tool_calls);
    expect(streamed.choices[0]!.finish_reason).toBe(plain.choices[0]!.finish_reason);
    expect(h.events.map((e) => [e.promptTokens, e.completionTokens])).toEqual([[40, 12], [40, 12]]);
  });

  it("maps Azure's errors: content filter 400, rate limit 429 with retry-after, missing deployment 404, rejected key 403", async () => {
    azure.enqueue({ promptFiltered: true }, { error: { status: 429 } });
    const filtered = (await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(filtered).toBeInstanceOf(OpenAI.BadRequestError);
    expect(filtered.param).toBe("prompt");
    expect(filtered.message).toContain("content management policy");
    const limited = (await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.headers.get("retry-after")).toBe("2");

    await h.setOrgKey("azure", creds({ deploymentName: "typo" }));
    await expect(byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await h.setOrgKey("azure", creds({ apiKey: "revoked-az-key" }));
    const rejected = await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(String((rejected as Error).message)).not.toContain("revoked-az-key");
  });

  it("estimates usage on streams from API versions without stream_options", async () => {
    await h.setOrgKey("azure", creds({ apiVersion: "2024-06-01" }));
    const chunks = await collect(await byok.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Old version" }], stream: true, stream_options: { include_usage: true } }));
    expect(upstreamBody()).not.toHaveProperty("stream_options");
    expect(chunks.at(-1)!.usage).toMatchObject({ usage_estimated: true });
  });
});

describe("hybrid failover with Azure", () => {
  it("falls back from the organization's rate-limited Azure key to the operator's Azure key", async () => {
    const hybrid = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    azure.script((req) => (req.headers["api-key"] === "org-az-key" ? { error: { status: 429 } } : undefined));
    const { data, response } = await hybrid.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "x" }] }).withResponse();
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(azure.requests.map((r) => r.headers["api-key"])).toEqual(["org-az-key", "house-az-key"]);
    expect(data.usage).toMatchObject({ key_source: "credits" });
  });

  it("falls back across protocols: own Responses API key rate limited → the operator's Azure deployment", async () => {
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    await h.setOrgKey("openai-responses", "sk-org-responses-0000");
    const hybrid = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    responses.enqueue({ error: { status: 429 } });
    const { response } = await hybrid.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).withResponse();
    expect(responses.requests[0]!.headers.authorization).toBe("Bearer sk-org-responses-0000");
    expect(response.headers.get("x-switchyard-provider")).toBe("azure");
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(upstream().headers["api-key"]).toBe("house-az-key");
  });
});
