// Engine "native" web search through the official OpenAI SDK: the provider's own search
// (Anthropic's web search tool, Gemini's Google Search grounding, OpenAI's search models) asked
// for by `plugins: [{id: "web", engine: "native"}]` or by OpenAI's `web_search_options`, its
// citations as url_citation annotations (streamed too), and its searches billed as
// `cost_usd_web_search`, inside the total and the usage event.
import OpenAI from "openai";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming, ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { type AnthropicMock, type GeminiMock, startAnthropicMock, startGeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";
import { type Annotation, sdkClient, usageOf } from "./testing/web-search-answer.ts";

let h: Harness;
let amock: AnthropicMock;
let gmock: GeminiMock;
let client: OpenAI;

beforeAll(async () => {
  amock = await startAnthropicMock();
  gmock = await startGeminiMock();
  h = await startHarness({ baseUrls: { anthropic: `${amock.url}/v1`, google: gmock.url } });
  client = sdkClient(h, await h.project("credits"));
}, 60_000);
afterAll(async () => {
  await h.close();
  await amock.close();
  await gmock.close();
});
beforeEach(() => {
  amock.reset();
  gmock.reset();
  h.mock.reset();
  h.events.length = 0;
});

const NATIVE = [{ id: "web", engine: "native" }];
type Extra = { plugins?: unknown; web_search?: unknown };

function ask(model: string, extra: Extra & Partial<ChatCompletionCreateParamsNonStreaming> = {}): Promise<ChatCompletion> {
  return client.chat.completions.create({ model, messages: [{ role: "user", content: "What happened today?" }], ...extra } as ChatCompletionCreateParamsNonStreaming);
}

async function askStream(model: string, extra: Extra & Partial<ChatCompletionCreateParamsStreaming> = {}): Promise<ChatCompletionChunk[]> {
  const stream = await client.chat.completions.create({ model, messages: [{ role: "user", content: "What happened today?" }], stream: true, stream_options: { include_usage: true }, ...extra } as ChatCompletionCreateParamsStreaming);
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** [title, cited text] of each annotation over `content`. */
function cited(content: string, annotations: Annotation[] | undefined): Array<[string, string]> {
  return (annotations ?? []).map((a) => [a.url_citation.title, content.slice(a.url_citation.start_index, a.url_citation.end_index)]);
}

/** The streamed content, the annotations chunk's position and annotations, and the usage chunk. */
function streamed(chunks: ChatCompletionChunk[]) {
  const choices = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0]!);
  const content = choices.map((c) => c.delta.content ?? "").join("");
  const at = choices.findIndex((c) => (c.delta as { annotations?: unknown }).annotations !== undefined);
  const finishAt = choices.findIndex((c) => c.finish_reason !== null);
  return { content, at, finishAt, annotations: (choices[at]?.delta as { annotations?: Annotation[] } | undefined)?.annotations, usage: usageOf(chunks.at(-1)!) };
}

const upstreamAnthropic = () => amock.requests.at(-1)!.body as Record<string, unknown>;
const upstreamGemini = () => gmock.requests.at(-1)!.body as Record<string, unknown>;
const upstreamOpenAI = () => h.mock.requests.at(-1)!.body as Record<string, unknown>;

describe("native web search with Claude (Anthropic's web search tool)", () => {
  it("plugins engine native: the server tool upstream, cited answer, search cost in usage and event", async () => {
    amock.enqueue({ usage: { input_tokens: 1000, output_tokens: 100 } });
    const res = await ask("anthropic/claude-sonnet-4-6", { plugins: NATIVE });
    const body = upstreamAnthropic();
    expect(body.tools).toEqual([{ type: "web_search_20250305", name: "web_search" }]);
    expect(body).not.toHaveProperty("plugins");
    const message = res.choices[0]!.message as ChatCompletion.Choice["message"] & { annotations: Annotation[] };
    expect(cited(message.content!, message.annotations)).toEqual([
      ["Mock source one", "the first source reports the answer"],
      ["Mock source two", "a second source confirms it"],
    ]);
    expect(message.annotations[0]!.url_citation.url).toBe("https://example.com/mock-source-one");
    // Sonnet 4.6: 1000 × $3 + 100 × $15 per million = $0.0045, plus one search at $0.01.
    const usage = usageOf(res);
    expect(usage.cost_usd_web_search).toBe(0.01);
    expect(usage.cost_usd_total).toBeCloseTo(0.0145, 12);
    expect(usage.billed_usd).toBeCloseTo(0.0145, 12);
    expect(h.events[0]).toMatchObject({ providerId: "anthropic", status: "success", units: { webSearches: 1 }, cost: { webSearch: "0.0100000000", total: "0.0145000000" } });
  });

  it("web_search_options from the client, streamed: the user location upstream, annotations before the finish chunk", async () => {
    amock.enqueue({ webSearch: { queries: ["one", "two"] }, usage: { input_tokens: 1000, output_tokens: 100 } });
    const chunks = await askStream("anthropic/claude-sonnet-4-6", { web_search_options: { user_location: { type: "approximate", approximate: { city: "Lyon", country: "FR" } } } });
    expect(upstreamAnthropic().tools).toEqual([{ type: "web_search_20250305", name: "web_search", user_location: { type: "approximate", city: "Lyon", country: "FR" } }]);
    const { content, at, finishAt, annotations, usage } = streamed(chunks);
    expect(at).toBe(finishAt - 1);
    expect(cited(content, annotations)).toEqual([
      ["Mock source one", "the first source reports the answer"],
      ["Mock source two", "a second source confirms it"],
    ]);
    expect(usage.cost_usd_web_search).toBe(0.02);
    expect(usage.cost_usd_total).toBeCloseTo(0.0245, 12);
    expect(h.events[0]).toMatchObject({ units: { webSearches: 2 }, cost: { webSearch: "0.0200000000" } });
  });

  it("own key: the markup covers the search too", async () => {
    const byok = sdkClient(h, await h.project("byok"));
    await h.setOrgKey("anthropic", "sk-ant-own");
    amock.enqueue({ usage: { input_tokens: 1000, output_tokens: 100 } });
    const res = await byok.chat.completions.create({ model: "anthropic/claude-sonnet-4-6", messages: [{ role: "user", content: "News?" }], plugins: NATIVE } as ChatCompletionCreateParamsNonStreaming);
    expect(amock.requests.at(-1)!.headers["x-api-key"]).toBe("sk-ant-own");
    const usage = usageOf(res);
    expect(usage).toMatchObject({ key_source: "byok", cost_usd_web_search: 0.01 });
    // 5% of the at-cost price, search included.
    expect(usage.billed_usd).toBeCloseTo(0.0145 * 0.05, 12);
  });
});

describe("native web search with Gemini (Grounding with Google Search)", () => {
  it("Gemini 2.5, plugins engine native: googleSearch upstream, annotations in string indexes, one grounded prompt billed", async () => {
    gmock.enqueue({ grounding: { queries: ["café", "prices"] }, usage: { promptTokenCount: 1000, candidatesTokenCount: 100 } });
    const res = await ask("google/gemini-2.5-flash", { plugins: NATIVE });
    expect(upstreamGemini().tools).toEqual([{ googleSearch: {} }]);
    const message = res.choices[0]!.message as ChatCompletion.Choice["message"] & { annotations: Annotation[] };
    expect(cited(message.content!, message.annotations)).toEqual([
      ["example.com", "Café prices rose 5% — the first source reports it."],
      ["example.org", "A second source confirms it."],
      ["example.com", "A second source confirms it."],
    ]);
    // 2.5 Flash: 1000 × $0.30 + 100 × $2.50 per million = $0.00055; two queries, one grounded prompt at $0.035.
    const usage = usageOf(res);
    expect(usage.cost_usd_web_search).toBe(0.035);
    expect(usage.cost_usd_total).toBeCloseTo(0.03555, 12);
    expect(h.events[0]).toMatchObject({ providerId: "google", units: { webSearches: 1 }, cost: { webSearch: "0.0350000000" } });
  });

  it("Gemini 3, streamed: each executed query billed, annotations before the finish chunk", async () => {
    gmock.enqueue({ grounding: { queries: ["café", "", "prices"] }, chunks: 4, usage: { promptTokenCount: 1000, candidatesTokenCount: 100 } });
    const chunks = await askStream("google/gemini-3.1-pro-preview", { web_search_options: {} });
    const { content, at, finishAt, annotations, usage } = streamed(chunks);
    expect(at).toBe(finishAt - 1);
    expect(cited(content, annotations)[0]).toEqual(["example.com", "Café prices rose 5% — the first source reports it."]);
    expect(usage.cost_usd_web_search).toBe(0.028);
    expect(h.events[0]).toMatchObject({ units: { webSearches: 2 }, cost: { webSearch: "0.0280000000" } });
  });
});

describe("native web search with OpenAI's search models", () => {
  it("plugins engine native sends web_search_options {}, passes the annotations through and bills one search", async () => {
    h.mock.enqueue({ usage: { prompt_tokens: 1000, completion_tokens: 100 } });
    const res = await ask("openai/gpt-4o-mini-search-preview", { plugins: NATIVE });
    const body = upstreamOpenAI();
    expect(body.web_search_options).toEqual({});
    expect(body).not.toHaveProperty("plugins");
    const message = res.choices[0]!.message as ChatCompletion.Choice["message"] & { annotations: Annotation[] };
    expect(cited(message.content!, message.annotations)).toEqual([["Mock source one", "[example.com](https://example.com/mock-source-one?utm_source=openai)"]]);
    // Mini: 1000 × $0.15 + 100 × $0.60 per million = $0.00021, plus one call at $0.025.
    const usage = usageOf(res);
    expect(usage.cost_usd_web_search).toBe(0.025);
    expect(usage.cost_usd_total).toBeCloseTo(0.02521, 12);
    expect(h.events[0]).toMatchObject({ providerId: "openai", units: { webSearches: 1 }, cost: { webSearch: "0.0250000000" } });
  });

  it("keeps the client's web_search_options and streams OpenAI's annotations chunk", async () => {
    const options = { search_context_size: "low" as const };
    const chunks = await askStream("gpt-4o-search-preview", { plugins: NATIVE, web_search_options: options });
    expect(upstreamOpenAI().web_search_options).toEqual(options);
    const { content, at, finishAt, annotations, usage } = streamed(chunks);
    expect(at).toBe(finishAt - 1);
    expect(cited(content, annotations)).toEqual([["Mock source one", "[example.com](https://example.com/mock-source-one?utm_source=openai)"]]);
    expect(usage.cost_usd_web_search).toBe(0.025);
  });
});

describe("models without a native search", () => {
  it.each([
    ["gpt-4o-mini", "plugins[0].engine"],
    ["aws/claude-sonnet-4-6", "plugins[0].engine"],
  ])("%s with engine native is a 400 that says so", async (model, param) => {
    const error = await ask(model, { plugins: NATIVE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const { message, param: named } = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(message).toMatch(/no native web search/);
    expect(named).toBe(param);
    expect(h.mock.requests).toHaveLength(0);
  });

  it("web_search_options sent directly is native search: a model without one here is a 400 naming it, nothing is sent", async () => {
    const before = h.mock.requests.length;
    const error = await ask("gpt-4o", { web_search_options: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.message).toMatch(/has no native web search here \(web_search_options\)/);
    expect(bad.param).toBe("web_search_options");
    expect(h.mock.requests.length).toBe(before);
  });

  it("web_search_options sent directly searches natively and bills it, like engine native", async () => {
    const res = await ask("anthropic/claude-sonnet-4-6", { web_search_options: {} });
    expect(res.choices[0]!.message.content).toContain("the first source reports the answer");
    const event = h.events.at(-1)!;
    expect(event.units?.webSearches).toBeGreaterThan(0);
    expect(Number(event.cost.webSearch)).toBeCloseTo(0.01 * event.units!.webSearches!, 10); // $10 per 1,000 searches
    expect(amock.requests.at(-1)!.body).toMatchObject({ tools: [expect.objectContaining({ type: "web_search_20250305" })] });
  });

  it("web_search_options with engine switchyard is a 400: one search or the other", async () => {
    const error = await ask("anthropic/claude-sonnet-4-6", { web_search_options: {}, plugins: [{ id: "web", engine: "switchyard" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.param).toBe("web_search_options");
    expect(bad.message).toMatch(/plugins\[0\] asks for engine "switchyard"; use one or the other/);
    expect(amock.requests).toHaveLength(0);
  });

  it("engine native on a model with several providers uses only the ones that search", async () => {
    const res = await ask("claude-sonnet-4-6", { plugins: NATIVE });
    expect(res.choices[0]!.message.content).toContain("the first source reports the answer");
    expect(amock.requests).toHaveLength(1);
  });

  it("no search asked: no search billed, no units in the event", async () => {
    await ask("anthropic/claude-sonnet-4-6");
    expect(upstreamAnthropic()).not.toHaveProperty("tools");
    expect(h.events[0]).not.toHaveProperty("units");
    expect(h.events[0]!.cost.webSearch ?? "0.0000000000").toBe("0.0000000000");
  });
});
