// The official OpenAI SDK against the gateway, with the mock upstream behind every provider.
import { Decimal } from "decimal.js";
import OpenAI from "openai";
import { Prisma } from "@switchyard/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startHarness();
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

const lastUpstream = () => h.mock.requests.at(-1)!;

describe("chat completions through the OpenAI SDK", () => {
  it("answers a non-streaming chat with cost in usage and routing headers", async () => {
    const { data, response } = await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi there" }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toContain("gpt-4o-mini");
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(response.headers.get("x-switchyard-attempts")).toBe("1");
    expect(response.headers.get("x-switchyard-request-id")).toMatch(/^req_/);
    const usage = data.usage as unknown as Record<string, unknown>;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.cost_usd_total).toBeGreaterThan(0);
    expect(usage).toMatchObject({ key_source: "credits", is_byok: false, usage_estimated: false });
    expect(usage.cost).toBe(usage.cost_usd_total);
    expect(lastUpstream().path).toBe("/openai/v1/chat/completions");
    expect(lastUpstream().headers.authorization).toBe("Bearer house-openai");
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ status: "success", keySource: "credits", providerId: "openai", model: "gpt-4o-mini", usageEstimated: false });
  });

  it("streams chunk by chunk; finalChatCompletion works; usage only when asked", async () => {
    const stream = client.chat.completions.stream({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Stream please" }] });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.content).toContain("Hello from mock upstream");
    // The gateway asked upstream for usage even though the client did not…
    expect((lastUpstream().body as { stream_options: unknown }).stream_options).toEqual({ include_usage: true });
    // …and billed it, without sending the usage chunk to the client.
    expect(final.usage).toBeFalsy();
    expect(h.events[0]).toMatchObject({ status: "success", usageEstimated: false });
    expect(h.events[0]!.completionTokens).toBeGreaterThan(0);

    const chunks = [];
    for await (const chunk of await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "again" }], stream: true, stream_options: { include_usage: true } })) {
      chunks.push(chunk);
    }
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ key_source: "credits", usage_estimated: false });
    expect((last.usage as unknown as { cost_usd_total: number }).cost_usd_total).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(3);
  });

  it("round-trips tool calls, streaming and not", async () => {
    const tools = [{ type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    h.mock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }] });
    const first = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Weather in Paris?" }], tools, tool_choice: "auto" });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    expect((lastUpstream().body as { tools: unknown }).tools).toEqual(tools);

    const second = await client.chat.completions.create({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C and sunny" }],
      tools,
    });
    expect(second.choices[0]!.message.content).toBeTruthy();
    expect((lastUpstream().body as { messages: Array<{ role: string }> }).messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);

    h.mock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] });
    const streamed = await client.chat.completions.stream({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Oslo?" }], tools }).finalChatCompletion();
    const sCall = streamed.choices[0]!.message.tool_calls![0]!;
    expect(sCall.type === "function" && JSON.parse(sCall.function.arguments)).toEqual({ city: "Oslo" });
  });

  it("passes json_schema structured output through", async () => {
    const response_format = {
      type: "json_schema" as const,
      json_schema: { name: "person", strict: true, schema: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false } },
    };
    const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "A person" }], response_format });
    expect((lastUpstream().body as { response_format: unknown }).response_format).toEqual(response_format);
    expect(Object.keys(JSON.parse(res.choices[0]!.message.content!))).toEqual(expect.arrayContaining(["name", "age"]));
  });

  it("passes unknown parameters through unchanged and replaces the model id", async () => {
    await client.chat.completions.create({ model: "openrouter/gpt-4o-mini", messages: [{ role: "user", content: "x" }], top_k: 40, provider: { sort: "price" } } as never);
    const body = lastUpstream().body as Record<string, unknown>;
    expect(lastUpstream().path).toBe("/openrouter/v1/chat/completions");
    expect(body.model).toBe("openai/gpt-4o-mini");
    expect(body.top_k).toBe(40);
    expect(body.provider).toEqual({ sort: "price" });
  });
});

describe("per-organization BYOK markup", () => {
  it("bills an organization's own markup rate instead of the deployment's 5%", async () => {
    await h.db.prisma.organization.update({ where: { id: h.orgId }, data: { byokMarkupRate: new Prisma.Decimal("0.1") } });
    try {
      const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
      await h.setOrgKey("openai", "sk-org-openai-markup-0000");
      const res = await byok.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "markup" }] });
      const usage = res.usage as unknown as { markup_usd: number; cost_usd_total: number };
      const event = h.events.at(-1)!;
      expect(event.markup).toBe(new Decimal(event.cost.total).times("0.1").toFixed(10, Decimal.ROUND_HALF_UP));
      expect(usage.markup_usd).toBeCloseTo(usage.cost_usd_total * 0.1, 12);
    } finally {
      await h.db.prisma.organization.update({ where: { id: h.orgId }, data: { byokMarkupRate: null } });
    }
  });
});

describe("GET /v1/models", () => {
  it("lists catalog models in OpenAI's format with providers and availability for this project", async () => {
    const page = await client.models.list();
    const byId = new Map(page.data.map((m) => [m.id, m as unknown as { object: string; owned_by: string; available: boolean; providers: Array<{ id: string; available: boolean; key_sources: string[] }> }]));
    const mini = byId.get("gpt-4o-mini")!;
    expect(mini).toMatchObject({ object: "model", owned_by: "openai", available: true, kind: "chat" });
    expect(mini.providers.map((p) => p.id)).toEqual(expect.arrayContaining(["openai", "openrouter"]));
    expect(mini.providers.find((p) => p.id === "openai")).toMatchObject({ available: true, key_sources: ["credits"] });

    const byokOnly = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    await h.setOrgKey("groq", "sk-org-groq-models-0000");
    const listed = (await byokOnly.models.list()).data as unknown as Array<{ id: string; available: boolean; providers: Array<{ id: string; available: boolean }> }>;
    for (const model of listed) {
      expect(model.available).toBe(model.providers.some((p) => p.id === "groq"));
    }
  });
});

describe("usage when the provider reports none, and mid-stream failures", () => {
  it("estimates usage with a tokenizer and marks it, streaming and not", async () => {
    h.mock.script(() => ({ omitUsage: true }));
    const res = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Count me, please" }] });
    expect(res.usage).toMatchObject({ usage_estimated: true });
    expect(res.usage!.prompt_tokens).toBeGreaterThan(3);
    expect(res.usage!.completion_tokens).toBeGreaterThan(3);
    const chunks = [];
    for await (const c of await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "again" }], stream: true, stream_options: { include_usage: true } })) chunks.push(c);
    expect(chunks.at(-1)!.usage).toMatchObject({ usage_estimated: true });
    expect(h.events.map((e) => e.usageEstimated)).toEqual([true, true]);
  });

  it("ends a failed stream with an OpenAI-style error event and bills what was sent", async () => {
    h.mock.script(() => ({ failAfterChunks: 2, chunks: 8 }));
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "fail me" }], stream: true });
    const received: string[] = [];
    const err = await (async () => {
      for await (const c of stream) received.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toContain("mid-stream");
    expect(received.join("")).not.toBe("");
    expect(h.events[0]).toMatchObject({ status: "upstream_error", usageEstimated: true, errorCode: "upstream_stream_failed" });
  });
});

describe("errors arrive as the SDK's typed classes", () => {
  it("401 for a bad key", async () => {
    const bad = new OpenAI({ apiKey: "sy-key_00000000000000000000-" + "a".repeat(40), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await expect(bad.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("400 naming the parameter for out-of-range and ill-typed values", async () => {
    for (const [extra, param] of [
      [{ temperature: 3 }, "temperature"],
      [{ top_p: "high" }, "top_p"],
      [{ presence_penalty: -2.5 }, "presence_penalty"],
      [{ reasoning_effort: "extreme" }, "reasoning_effort"],
      [{ response_format: { type: "yaml" } }, "response_format.type"],
      [{ n: 0 }, "n"],
    ] as const) {
      const err = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], ...extra } as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(extra)).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    }
    expect(h.mock.requests).toHaveLength(0);
  });

  it("web_search and plugins are validated, never ignored: a bad value is a 400 naming it", async () => {
    for (const [extra, param] of [[{ web_search: "yes" }, "web_search"], [{ plugins: ["nope"] }, "plugins[0]"]] as const) {
      const err = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], ...extra } as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
    }
    expect(h.mock.requests).toHaveLength(0);
  });

  it("404 for an unknown model, 400 for an unknown provider pin's model", async () => {
    await expect(client.chat.completions.create({ model: "gpt-9-ultra", messages: [{ role: "user", content: "x" }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    const err = (await client.chat.completions.create({ model: "groq/gpt-9-ultra", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.code).toBe("model_not_offered");
  });

  it("429 from upstream when no fallback is left, with retry-after", async () => {
    h.mock.script(() => ({ error: { status: 429 } }));
    const err = (await client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.headers.get("retry-after")).toBeTruthy();
    expect(err.message).toContain("OpenAI");
    expect(h.events[0]).toMatchObject({ status: "upstream_error", httpStatus: 429, promptTokens: 0 });
  });

  it("502 on upstream 500 and 504 on an upstream that never answers in time", async () => {
    h.mock.script(() => ({ error: { status: 500 } }));
    await expect(client.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 502 });
    const slow = await startHarness({ upstreamHeadersTimeoutMs: 300 });
    try {
      slow.mock.script(() => ({ firstByteDelayMs: 2000 }));
      const c = new OpenAI({ apiKey: await slow.project("credits"), baseURL: `${slow.url}/v1`, maxRetries: 0 });
      await expect(c.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 504 });
    } finally {
      await slow.close();
    }
  }, 30_000);

  it("403 when the organization's own key is rejected and no fallback is allowed", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("openai", "sk-org-openai-revoked-0000");
    h.mock.script((req) => (req.headers.authorization === "Bearer sk-org-openai-revoked-0000" ? { error: { status: 401 } } : undefined));
    const err = await byok.chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "x" }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(String((err as Error).message)).not.toContain("sk-org-openai-revoked");
  });

  it("402 when credits are exhausted", async () => {
    await h.setBalance("0");
    try {
      await expect(client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 402 });
    } finally {
      await h.setBalance("100");
    }
  });

  it("400 for malformed JSON and 413 over the body limit, in OpenAI's envelope", async () => {
    const key = await h.project("credits");
    const post = (body: string) => fetch(`${h.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_json", type: "invalid_request_error" } });
    const big = await post(JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x".repeat(300 * 1024) }] }));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });
});
