// The web search engine when the request names none (`web_search: true`, `{"id": "web"}`,
// `:online`), through the official OpenAI SDK: the provider's native search when every planned
// attempt of the model has one (the provider mock receives its search tool or option, the
// web-search providers nothing), Switchyard's own search otherwise (one search, the results in
// the prompt, no native search asked of any provider).
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { type AnthropicMock, type GeminiMock, startAnthropicMock, startGeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";
import { annotationsOf, resetWebSearchState, sdkClient, type Usage, usageOf } from "./testing/web-search-answer.ts";

let h: Harness;
let amock: AnthropicMock;
let gmock: GeminiMock;
let credits: OpenAI;

beforeAll(async () => {
  amock = await startAnthropicMock();
  gmock = await startGeminiMock();
  h = await startHarness({ webSearch: {}, baseUrls: { anthropic: `${amock.url}/v1`, google: gmock.url } });
  credits = sdkClient(h, await h.project("credits"));
}, 60_000);
afterAll(async () => {
  await h.close();
  await amock.close();
  await gmock.close();
});
beforeEach(async () => {
  await resetWebSearchState(h);
  amock.reset();
  gmock.reset();
});

const QUESTION = "What happened today?";
type Message = { role: string; content: unknown };

function ask(model: string, extra: Record<string, unknown>, via: OpenAI = credits) {
  return via.chat.completions.create({ model, messages: [{ role: "user", content: QUESTION }], ...extra } as unknown as ChatCompletionCreateParamsNonStreaming).withResponse();
}

const anthropicBody = () => amock.requests.at(-1)!.body as Record<string, unknown> & { system?: unknown; messages: Message[] };
const resultsMessageIn = (text: unknown) => typeof text === "string" && text.startsWith("A web search was conducted on ");

describe("no engine named, a model whose every planned attempt searches natively: native search", () => {
  it("web_search: true on Claude at Anthropic: the web search tool upstream, Claude's citations, its search billed, no Switchyard search", async () => {
    amock.enqueue({ usage: { input_tokens: 1000, output_tokens: 100 } });
    const { data, response } = await ask("anthropic/claude-sonnet-4-6", { web_search: true });
    expect(anthropicBody().tools).toEqual([{ type: "web_search_20250305", name: "web_search" }]);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(response.headers.get("x-switchyard-web-search-provider")).toBeNull();
    expect(annotationsOf(data).map((a) => a.url_citation.url)).toEqual(["https://example.com/mock-source-one", "https://example.org/mock-source-two"]);
    // Sonnet 4.6: $0.0045 of tokens plus one search at $0.01.
    const usage = usageOf(data);
    expect(usage.cost_usd_web_search).toBe(0.01);
    expect(usage.cost_usd_total).toBeCloseTo(0.0145, 12);
    expect(usage).not.toHaveProperty("web_search");
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ providerId: "anthropic", status: "success", units: { webSearches: 1 }, cost: { webSearch: "0.0100000000", total: "0.0145000000" } });
  });

  it("the web plugin without an engine on an OpenAI search model: web_search_options {} upstream, the prompt unchanged", async () => {
    h.mock.enqueue({ usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const { data } = await ask("gpt-4o-mini-search-preview", { plugins: [{ id: "web" }] });
    const sent = h.mock.requests.at(-1)!.body as Record<string, unknown> & { messages: Message[] };
    expect(sent.web_search_options).toEqual({});
    expect(sent).not.toHaveProperty("plugins");
    expect(sent.messages).toEqual([{ role: "user", content: QUESTION }]);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(annotationsOf(data)).toHaveLength(1);
    expect(usageOf(data).cost_usd_web_search).toBe(0.025);
  });

  it(":online on Gemini: Google Search grounding upstream, no Switchyard search", async () => {
    gmock.enqueue({ grounding: { queries: ["today"] }, usage: { promptTokenCount: 1000, candidatesTokenCount: 100 } });
    const { data } = await ask("google/gemini-2.5-flash:online", {});
    expect((gmock.requests.at(-1)!.body as Record<string, unknown>).tools).toEqual([{ googleSearch: {} }]);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(usageOf(data).cost_usd_web_search).toBe(0.035);
  });

  it("a model with several providers, planned on Anthropic only (a byok project with only an Anthropic key): native", async () => {
    await h.setOrgKey("anthropic", "sk-ant-own-1234");
    amock.enqueue({ usage: { input_tokens: 1000, output_tokens: 100 } });
    await ask("claude-sonnet-4-6", { web_search: true }, sdkClient(h, await h.project("byok")));
    expect(amock.requests.at(-1)!.headers["x-api-key"]).toBe("sk-ant-own-1234");
    expect(anthropicBody().tools).toEqual([{ type: "web_search_20250305", name: "web_search" }]);
    expect(h.searchMock!.requests).toHaveLength(0);
  });

  it("web_search: true with web_search_options is one native search, the client's options upstream", async () => {
    amock.enqueue({ usage: { input_tokens: 1000, output_tokens: 100 } });
    await ask("anthropic/claude-sonnet-4-6", { web_search: true, web_search_options: { user_location: { type: "approximate", approximate: { city: "Lyon", country: "FR" } } } });
    expect(anthropicBody().tools).toEqual([{ type: "web_search_20250305", name: "web_search", user_location: { type: "approximate", city: "Lyon", country: "FR" } }]);
    expect(h.searchMock!.requests).toHaveLength(0);
  });
});

describe("otherwise: Switchyard's search", () => {
  it("web_search: true on a model without a native search searches with Tavily and puts the results in the prompt", async () => {
    h.mock.script(() => ({ content: "Cheap [1].", usage: { prompt_tokens: 1000, completion_tokens: 100 } }));
    const { data, response } = await ask("gpt-4o-mini", { web_search: true });
    expect(h.searchMock!.requests.map((r) => r.provider)).toEqual(["tavily"]);
    const sent = h.mock.requests.at(-1)!.body as Record<string, unknown> & { messages: Message[] };
    expect(sent).not.toHaveProperty("web_search_options");
    expect(resultsMessageIn(sent.messages[0]!.content)).toBe(true);
    expect(response.headers.get("x-switchyard-web-search-provider")).toBe("tavily");
    expect(usageOf(data).cost_usd_web_search).toBe(0.008);
  });

  it("a model whose planned attempts include a provider without native search (Claude: Anthropic, then Bedrock…): one Switchyard search, no search tool for Anthropic", async () => {
    const { data } = await ask("claude-sonnet-4-6", { web_search: true });
    expect(h.searchMock!.requests).toHaveLength(1);
    expect(amock.requests).toHaveLength(1);
    const sent = anthropicBody();
    expect(sent).not.toHaveProperty("tools");
    expect(JSON.stringify(sent.system)).toContain("A web search was conducted on ");
    const usage = usageOf(data) as Usage & { web_search: Usage };
    expect(usage.web_search).toMatchObject({ searches: 1, provider: "tavily" });
    expect(h.events[0]).toMatchObject({ providerId: "anthropic", units: { search: { providerId: "tavily" } }, cost: { webSearch: "0.0080000000" } });
    expect(h.events[0]!.units).not.toHaveProperty("webSearches");
  });

  it("max_results without an engine asks for Switchyard's search even on a model with a native one", async () => {
    await ask("anthropic/claude-sonnet-4-6", { plugins: [{ id: "web", max_results: 2 }] });
    expect(h.searchMock!.requests[0]!.body).toMatchObject({ query: QUESTION, max_results: 2 });
    expect(anthropicBody()).not.toHaveProperty("tools");
  });

  it("engine \"switchyard\" named on a model with a native search: Switchyard's search, as asked", async () => {
    await ask("anthropic/claude-sonnet-4-6", { plugins: [{ id: "web", engine: "switchyard" }] });
    expect(h.searchMock!.requests).toHaveLength(1);
    expect(anthropicBody()).not.toHaveProperty("tools");
  });

  it("web_search: true with web_search_options on a model without a native search is a 400 naming web_search_options; nothing is sent", async () => {
    const error = await ask("gpt-4o", { web_search: true, web_search_options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.param).toBe("web_search_options");
    expect(bad.message).toMatch(/no native web search/);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("a model that searches before every answer (OpenAI's search models): no request searches twice", () => {
  it.each([
    ["web_search: true", "gpt-4o-mini-search-preview", { web_search: true }],
    [":online", "gpt-4o-mini-search-preview:online", {}],
    ["the web plugin without an engine", "gpt-4o-search-preview", { plugins: [{ id: "web" }] }],
    ["engine \"native\"", "openai/gpt-4o-mini-search-preview", { plugins: [{ id: "web", engine: "native" }] }],
    ["web_search_options", "gpt-4o-mini-search-preview", { web_search_options: {} }],
  ])("%s: the model's own search only, one search billed", async (_way, model, extra) => {
    h.mock.enqueue({ usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const { data } = await ask(model, extra);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(h.mock.requests).toHaveLength(1);
    const sent = h.mock.requests[0]!.body as Record<string, unknown> & { messages: Message[] };
    expect(sent.web_search_options).toEqual({});
    expect(sent.messages).toEqual([{ role: "user", content: QUESTION }]);
    const usage = usageOf(data);
    expect(usage).not.toHaveProperty("web_search");
    expect(usage.cost_usd_web_search).toBe(0.025);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ providerId: "openai", units: { webSearches: 1 }, cost: { webSearch: "0.0250000000" } });
    expect(h.events[0]!.units).not.toHaveProperty("search");
  });

  it.each([
    ["max_results", { id: "web", max_results: 3 }, "plugins[0].max_results"],
    ["search_prompt", { id: "web", search_prompt: "Use these:" }, "plugins[0].search_prompt"],
    ["engine \"switchyard\"", { id: "web", engine: "switchyard" }, "plugins[0].engine"],
    ["engine \"tavily\" (switchyard with one provider)", { id: "web", engine: "tavily" }, "plugins[0].engine"],
  ])("%s asks for Switchyard's search on top of the model's own: a 400 naming it; nothing searched, sent or billed", async (_field, plugin, param) => {
    const error = await ask("gpt-4o-search-preview", { plugins: [plugin] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.param).toBe(param);
    expect(bad.code).toBe("invalid_request");
    expect(bad.message).toContain("`gpt-4o-search-preview` searches the web before every answer on its own");
    expect(bad.message).toContain('Use engine "native" or no engine');
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
  });

  it("the same options on a model without a search of its own are Switchyard's search, as before", async () => {
    await ask("gpt-4o-mini", { plugins: [{ id: "web", max_results: 3 }] });
    expect(h.searchMock!.requests).toHaveLength(1);
    expect(h.mock.requests).toHaveLength(1);
  });
});
