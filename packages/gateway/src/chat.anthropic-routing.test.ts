// Claude's errors, routing and failover through the gateway: Anthropic's error bodies become the
// OpenAI SDK's typed errors, an own key that is rate limited falls back to credits, an
// overloaded Anthropic falls over to another protocol, and Claude on Microsoft Foundry is reached
// at the tenant's endpoint.
import OpenAI from "openai";
import { type AnthropicMock, startAnthropicMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

const LIMITED = "sk-ant-own-limited-0001";
const REVOKED = "sk-ant-own-revoked-0002";

let h: Harness;
let amock: AnthropicMock;
let credits: OpenAI;

beforeAll(async () => {
  amock = await startAnthropicMock({ keyErrors: { [LIMITED]: 429, [REVOKED]: 401 } });
  h = await startHarness({ baseUrls: { anthropic: `${amock.url}/v1` }, allowlist: ["127.0.0.1"] });
  credits = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await amock.close();
});
beforeEach(async () => {
  amock.reset();
  h.mock.reset();
  h.events.length = 0;
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
});

const MODEL = "anthropic/claude-sonnet-4-6";
const ask = (client: OpenAI, model = MODEL) => client.chat.completions.create({ model, messages: [{ role: "user", content: "Hi" }] });

describe("Anthropic errors through the OpenAI SDK", () => {
  it("429 rate_limit_error → RateLimitError with retry-after passed on", async () => {
    amock.enqueue({ error: { status: 429 } });
    const err = (await ask(credits).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect(err.headers.get("retry-after")).toBe("7");
    expect(err.message).toContain("rate limit");
  });

  it("529 overloaded_error → 503, before or instead of a stream's first event", async () => {
    amock.enqueue({ error: { status: 529 } });
    const err = (await ask(credits).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err).toMatchObject({ status: 503, code: "service_unavailable" });
    expect(err.message).toContain("Overloaded");

    amock.enqueue({ streamError: { type: "overloaded_error", message: "Overloaded", afterEvents: 0 } });
    const streamed = await credits.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }], stream: true }).catch((e: unknown) => e);
    expect(streamed).toMatchObject({ status: 503 });
  });

  it("an error event mid-stream ends the stream with an error after the content sent", async () => {
    amock.enqueue({ chunks: ["one ", "two ", "three"], streamError: { type: "api_error", message: "Internal server error", afterEvents: 5 } });
    const received: string[] = [];
    const err = await (async () => {
      for await (const c of await credits.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }], stream: true })) received.push(c.choices[0]?.delta.content ?? "");
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(received.join("")).toBe("one two ");
    expect(h.events[0]).toMatchObject({ status: "upstream_error", errorCode: "upstream_stream_failed" });
  });

  it("401 authentication_error: an own key is reported rejected (403), the gateway's key is a 502; a bad gateway key is a 401", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("anthropic", REVOKED);
    const own = await ask(byok).catch((e: unknown) => e);
    expect(own).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(String((own as Error).message)).not.toContain(REVOKED);
    amock.enqueue({ error: { status: 401 } });
    await expect(ask(credits)).rejects.toMatchObject({ status: 502 });
    const bad = new OpenAI({ apiKey: "sy-key_00000000000000000000-" + "a".repeat(40), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await expect(ask(bad)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});

describe("routing and failover", () => {
  it("hybrid: an own Anthropic key that is rate limited falls back to credits on the house key", async () => {
    const hybrid = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("anthropic", LIMITED);
    const { data, response } = await hybrid.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(amock.requests.map((r) => r.headers["x-api-key"])).toEqual([LIMITED, "house-anthropic"]);
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    expect(response.headers.get("x-switchyard-attempts")).toBe("2");
    expect(data.usage).toMatchObject({ key_source: "credits", is_byok: false });
    expect((data.usage as unknown as { cost_usd_total: number }).cost_usd_total).toBeGreaterThan(0);
  });

  it("a bare claude-sonnet-4-6 goes to Anthropic first and fails over across protocols", async () => {
    const first = await credits.chat.completions.create({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "Hi" }] }).withResponse();
    expect(first.response.headers.get("x-switchyard-provider")).toBe("anthropic");

    amock.script(() => ({ error: { status: 529 } }));
    const { data, response } = await credits.chat.completions.create({ model: "claude-sonnet-4-6", messages: [{ role: "user", content: "Hi" }] }).withResponse();
    // Anthropic overloaded, Foundry's house credentials unusable, OpenRouter (OpenAI-compatible) answers.
    expect(response.headers.get("x-switchyard-provider")).toBe("openrouter");
    expect(response.headers.get("x-switchyard-attempts")).toBe("3");
    expect(h.mock.requests.at(-1)!.path).toBe("/openrouter/v1/chat/completions");
    expect((h.mock.requests.at(-1)!.body as { model: string }).model).toBe("anthropic/claude-sonnet-4.6");
    expect(data.choices[0]!.message.content).toBeTruthy();
  });

  it("reaches Claude on Microsoft Foundry at the endpoint of the organization's credentials", async () => {
    const byok = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("azure-anthropic-foundry", JSON.stringify({ endpoint: `${amock.url}/`, apiKey: "foundry-key-0001" }));
    const chunks = [];
    for await (const c of await byok.chat.completions.create({ model: "azure-anthropic-foundry/claude-haiku-4-5", messages: [{ role: "user", content: "Hi" }], stream: true })) chunks.push(c);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toContain("claude-haiku-4-5");
    expect(amock.requests[0]).toMatchObject({ path: "/anthropic/v1/messages", headers: { "x-api-key": "foundry-key-0001", "anthropic-version": "2023-06-01" } });
    expect(h.events[0]).toMatchObject({ providerId: "azure-anthropic-foundry", keySource: "byok" });

    await h.setOrgKey("azure-anthropic-foundry", "not-json");
    await expect(ask(byok, "azure-anthropic-foundry/claude-haiku-4-5")).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
  });
});
