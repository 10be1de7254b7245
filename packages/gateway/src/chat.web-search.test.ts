// Web search inside chat completions (engine "switchyard") through the official OpenAI SDK: the
// search the provider mock received (query, key), the prompt the model mock received (the
// results message), the url_citation annotations (streamed and not), and what was billed.
import OpenAI from "openai";
import type { ChatCompletionCreateParamsStreaming } from "openai/resources/chat/completions";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RecordedRequest } from "@switchyard/testing";
import { type Harness, startHarness } from "./testing/harness.ts";
import { type Annotation, annotationsOf, resetWebSearchState, sdkClient, type Usage, usageOf } from "./testing/web-search-answer.ts";
import { keyOf } from "./web/test-helpers.ts";

let h: Harness;
let credits: OpenAI;
beforeAll(async () => {
  h = await startHarness({ webSearch: {} });
  credits = sdkClient(h, await h.project("credits"));
}, 60_000);
afterAll(() => h.close());
beforeEach(() => resetWebSearchState(h));

const QUESTION = "How cheap are solar panels now?";
const ANSWER = "Solar is cheap [1] and still falling [2].";
// 1000 prompt + 100 completion tokens of gpt-4o-mini ($0.15 / $0.60 per million): $0.00021.
const USAGE = { prompt_tokens: 1000, completion_tokens: 100 };
const MODEL_COST = 0.00021;
const TAVILY = 0.008; // one basic Tavily search (catalog)

type Message = { role: string; content: string };
const upstreamBody = (r: RecordedRequest = h.mock.requests.at(-1)!) => r.body as Record<string, unknown> & { messages: Message[]; model: string };
const searchUsage = (answer: { usage?: unknown }) => usageOf(answer) as Usage & { web_search: Usage };

function expectCitations(content: string, annotations: Annotation[], results: number): void {
  const cited = annotations.filter((a) => a.url_citation.end_index > 0);
  expect(cited.map((a) => content.slice(a.url_citation.start_index, a.url_citation.end_index))).toEqual(["[1]", "[2]"]);
  expect(cited.map((a) => a.url_citation.start_index)).toEqual([content.indexOf("[1]"), content.indexOf("[2]")]);
  const urls = h.searchMock!.requests.length ? annotations.map((a) => a.url_citation.url) : [];
  expect(urls).toHaveLength(results);
  expect(new Set(urls).size).toBe(results); // every source once (each cited once here)
  expect(annotations.slice(2).every((a) => a.url_citation.start_index === 0 && a.url_citation.end_index === 0)).toBe(true);
  expect(annotations[0]!.url_citation).toMatchObject({ url: expect.stringMatching(/^https:\/\/docs\.example\.com\/.+\/1$/), title: `${QUESTION} — result 1` });
}

describe("web_search: true (non-streaming)", () => {
  it("searches the latest user question, puts the numbered results in a system message, cites them and bills the search", async () => {
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));
    const { data, response } = await credits.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Earlier question" }, { role: "assistant", content: "Earlier answer" }, { role: "user", content: QUESTION }], web_search: true } as never)
      .withResponse();

    // The search: Tavily first in the documented order, the house key, the question, 5 results.
    expect(h.searchMock!.requests).toHaveLength(1);
    const searched = h.searchMock!.requests[0]!;
    expect(searched.provider).toBe("tavily");
    expect(keyOf(searched)).toBe("house-tavily");
    expect(searched.body).toMatchObject({ query: QUESTION, max_results: 5, search_depth: "basic" });

    // The model's prompt: the results message first, then the conversation; no plugin fields.
    const sent = upstreamBody();
    expect(sent).not.toHaveProperty("web_search");
    expect(sent).not.toHaveProperty("plugins");
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    const system = sent.messages[0]!.content;
    expect(system).toMatch(/^A web search was conducted on \d{4}-\d{2}-\d{2}\. Incorporate the following web search results/);
    expect(system).toContain(`[1] ${QUESTION} — result 1\nURL: https://docs.example.com/`);
    expect(system).toContain(`[5] ${QUESTION} — result 5\nURL: `);
    expect(system).toContain("Result 2 of 5 about");

    // The answer: annotations for [1] and [2] where they are, then the three uncited sources.
    expect(data.choices[0]!.message.content).toBe(ANSWER);
    expectCitations(ANSWER, annotationsOf(data), 5);
    expect(response.headers.get("x-switchyard-web-search-provider")).toBe("tavily");
    expect(response.headers.get("x-switchyard-web-search-key-source")).toBe("credits");
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");

    // Billing: the search is its own part and inside the total, in the response and the one event.
    const usage = searchUsage(data);
    expect(usage.cost_usd_web_search).toBe(TAVILY);
    expect(usage.cost_usd_total).toBeCloseTo(MODEL_COST + TAVILY, 12);
    expect(usage).toMatchObject({ key_source: "credits", billed_usd: usage.cost_usd_total, cost: usage.cost_usd_total, markup_usd: 0 });
    expect(usage.web_search).toEqual({ searches: 1, provider: "tavily", results: 5, key_source: "credits", cost_usd: TAVILY, markup_usd: 0, billed_usd: TAVILY, cost_priced: true });
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "chat.completions", status: "success", keySource: "credits", markup: "0.0000000000", amountBilled: "0.0082100000" });
    // The search's own amounts travel with the event (re-pricing the model's tokens keeps them).
    expect(event.units).toEqual({ search: { providerId: "tavily", keySource: "credits", cost: "0.0080000000", markup: "0.0000000000", amountBilled: "0.0080000000" } });
    expect(event.cost).toMatchObject({ webSearch: "0.0080000000", input: "0.0001500000", output: "0.0000600000", total: "0.0082100000" });
  });

  it("the web plugin: max_results and search_prompt, results after the client's own system message", async () => {
    h.mock.script(() => ({ content: "See [2].", usage: USAGE }));
    const { data } = await credits.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: QUESTION }], plugins: [{ id: "web", max_results: 2, search_prompt: "Fresh results:" }] } as never)
      .withResponse();
    expect(h.searchMock!.requests[0]!.body).toMatchObject({ query: QUESTION, max_results: 2 });
    const sent = upstreamBody();
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "system", "user"]);
    expect(sent.messages[0]!.content).toBe("Be brief.");
    expect(sent.messages[1]!.content.startsWith("Fresh results:\n\n[1] ")).toBe(true);
    expect(sent.messages[1]!.content).not.toContain("[3]");
    const annotations = annotationsOf(data);
    expect(annotations.map((a) => [a.url_citation.url.endsWith("/2"), a.url_citation.start_index, a.url_citation.end_index])).toEqual([
      [true, 4, 7],
      [false, 0, 0],
    ]);
    // One basic Tavily search whatever max_results: the price is per search, inside the total.
    const usage = searchUsage(data);
    expect(usage.cost_usd_web_search).toBe(TAVILY);
    expect(usage.cost_usd_total).toBeCloseTo(MODEL_COST + TAVILY, 12);
    expect(usage.web_search).toMatchObject({ provider: "tavily", results: 2, key_source: "credits", cost_usd: TAVILY, billed_usd: TAVILY });
    expect(h.events[0]).toMatchObject({ units: { search: { providerId: "tavily", cost: "0.0080000000" } }, cost: { webSearch: "0.0080000000", total: "0.0082100000" }, amountBilled: "0.0082100000" });
  });

  it(":online on a model without native search: the results in the prompt, citations and the search billed", async () => {
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));
    const { data, response } = await credits.chat.completions.create({ model: "gpt-4o-mini:online", messages: [{ role: "user", content: QUESTION }] } as never).withResponse();
    expect(h.searchMock!.requests.map((r) => [r.provider, keyOf(r)])).toEqual([["tavily", "house-tavily"]]);
    expect(h.searchMock!.requests[0]!.body).toMatchObject({ query: QUESTION, max_results: 5 });
    const sent = upstreamBody();
    expect(sent.model).toBe("gpt-4o-mini");
    expect(sent).not.toHaveProperty("web_search_options");
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(sent.messages[0]!.content).toMatch(/^A web search was conducted on \d{4}-\d{2}-\d{2}\. /);
    expect(sent.messages[0]!.content).toContain(`[1] ${QUESTION} — result 1\nURL: https://docs.example.com/`);
    expect(sent.messages[0]!.content).toContain(`[5] ${QUESTION} — result 5\nURL: `);
    expect(data.model).toBe("gpt-4o-mini");
    expect(data.choices[0]!.message.content).toBe(ANSWER);
    expectCitations(ANSWER, annotationsOf(data), 5);
    expect(response.headers.get("x-switchyard-web-search-provider")).toBe("tavily");
    const usage = searchUsage(data);
    expect(usage.cost_usd_web_search).toBe(TAVILY);
    expect(usage.cost_usd_total).toBeCloseTo(MODEL_COST + TAVILY, 12);
    expect(usage.web_search).toMatchObject({ searches: 1, provider: "tavily", results: 5, cost_usd: TAVILY });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ status: "success", units: { search: { providerId: "tavily", keySource: "credits", cost: "0.0080000000" } }, cost: { webSearch: "0.0080000000", total: "0.0082100000" }, amountBilled: "0.0082100000" });
  });

  it("engine \"exa\" searches Exa only", async () => {
    h.mock.script(() => ({ content: "ok", usage: USAGE }));
    const data = await credits.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], plugins: [{ id: "web", engine: "exa" }] } as never);
    expect(h.searchMock!.requests.map((r) => r.provider)).toEqual(["exa"]);
    expect(searchUsage(data).cost_usd_web_search).toBe(0.007);
  });
});

// The three ways to ask for it, each streamed through the SDK.
const FORMS: Array<[string, { model: string } & Record<string, unknown>]> = [
  [":online", { model: "gpt-4o-mini:online" }],
  ["web_search: true", { model: "gpt-4o-mini", web_search: true }],
  ["the web plugin", { model: "gpt-4o-mini", plugins: [{ id: "web" }] }],
];

describe("streaming", () => {
  it.each(FORMS)("%s: streams the answer, then an annotations chunk before the finish chunk, and bills the search in the usage chunk", async (_form, ask) => {
    h.mock.script(() => ({ content: ANSWER, chunks: ["Solar is cheap [", "1] and still ", "falling [2]", "."], usage: USAGE }));
    const stream = await credits.chat.completions.create({ ...ask, messages: [{ role: "user", content: QUESTION }], stream: true, stream_options: { include_usage: true } } as ChatCompletionCreateParamsStreaming);
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    const sent = upstreamBody();
    expect(sent.model).toBe("gpt-4o-mini");
    expect(sent).not.toHaveProperty("web_search");
    expect(sent).not.toHaveProperty("plugins");
    expect(sent.messages[0]!.content).toContain(`[1] ${QUESTION} — result 1`);
    expect(h.searchMock!.requests).toHaveLength(1);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe(ANSWER);
    const annotated = chunks.findIndex((c) => (c.choices[0]?.delta as { annotations?: unknown } | undefined)?.annotations !== undefined);
    const finish = chunks.findIndex((c) => c.choices[0]?.finish_reason);
    expect(annotated).toBeGreaterThan(0);
    expect(finish).toBe(annotated + 1);
    expectCitations(text, (chunks[annotated]!.choices[0]!.delta as unknown as { annotations: Annotation[] }).annotations, 5);

    const usage = searchUsage(chunks.at(-1)!);
    expect(usage.cost_usd_web_search).toBe(TAVILY);
    expect(usage.cost_usd_total).toBeCloseTo(MODEL_COST + TAVILY, 12);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ status: "success", units: { search: { providerId: "tavily", cost: "0.0080000000" } }, cost: { webSearch: "0.0080000000", total: "0.0082100000" } });
  });

  it.each(FORMS)("%s: the SDK's stream helper assembles the answer with its annotations", async (_form, ask) => {
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));
    const final = await credits.chat.completions.stream({ ...ask, messages: [{ role: "user", content: QUESTION }] } as Parameters<typeof credits.chat.completions.stream>[0]).finalChatCompletion();
    const message = final.choices[0]!.message;
    expect(message.content).toBe(ANSWER);
    expectCitations(ANSWER, message.annotations as Annotation[], 5);
  });
});

describe("annotation indexes count Unicode code points (as Python's str indexes, not JavaScript's UTF-16 units)", () => {
  const EMOJI_ANSWER = "🌞 Solar is cheap [1], 😀 [2].";
  it.each([false, true])("stream %s: an emoji (outside the BMP) before a citation counts as one character", async (stream) => {
    h.mock.script(() => ({ content: EMOJI_ANSWER, chunks: ["🌞 Solar is ", "cheap [1], 😀 [", "2]."], usage: USAGE }));
    const ask = { model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true };
    let content: string;
    let annotations: Annotation[];
    if (stream) {
      const final = await credits.chat.completions.stream(ask as Parameters<typeof credits.chat.completions.stream>[0]).finalChatCompletion();
      content = final.choices[0]!.message.content!;
      annotations = final.choices[0]!.message.annotations as Annotation[];
    } else {
      const data = await credits.chat.completions.create(ask as never);
      content = data.choices[0]!.message.content!;
      annotations = annotationsOf(data);
    }
    expect(content).toBe(EMOJI_ANSWER);
    const points = Array.from(content);
    const spans = annotations.slice(0, 2).map((a) => [a.url_citation.start_index, a.url_citation.end_index]);
    // 🌞 and 😀 are two UTF-16 units each: each index is one less per emoji before it than String.indexOf.
    expect(spans).toEqual([
      [content.indexOf("[1]") - 1, content.indexOf("[1]") + 2],
      [content.indexOf("[2]") - 2, content.indexOf("[2]") + 1],
    ]);
    expect(spans.map(([start, end]) => points.slice(start, end).join(""))).toEqual(["[1]", "[2]"]);
  });
});

describe("the model fails after the search", () => {
  it.each([false, true])("stream %s: every attempt answers 500, the client gets the upstream error and the search is billed once", async (stream) => {
    // hybrid with an own OpenAI key, the model pinned to OpenAI: two attempts (own key, then the house key), one search.
    await h.setOrgKey("openai", "sk-own-openai-1234");
    h.mock.script(() => ({ error: { status: 500 } }));
    const err = (await sdkClient(h, await h.project("hybrid"))
      .chat.completions.create({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true, stream } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect(err.status).toBe(502);
    expect(err.error).toMatchObject({ type: "api_error", code: "upstream_error", param: null, message: expect.stringContaining("HTTP 500") });
    expect(JSON.stringify(err.error)).not.toContain("sk-own-openai-1234");
    expect(err.headers?.get("x-switchyard-attempts")).toBe("2");
    expect(err.headers?.get("x-switchyard-web-search-provider")).toBe("tavily");

    expect(h.searchMock!.requests).toHaveLength(1);
    expect(h.mock.requests.map((r) => r.headers.authorization)).toEqual(["Bearer sk-own-openai-1234", "Bearer house-openai"]);
    expect(h.mock.requests.every((r) => upstreamBody(r).messages[0]!.content.includes(`[1] ${QUESTION} — result 1`))).toBe(true);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({
      status: "upstream_error",
      httpStatus: 502,
      errorCode: "upstream_error",
      attempts: 2,
      units: { search: { providerId: "tavily", keySource: "credits", cost: "0.0080000000", amountBilled: "0.0080000000" } },
      cost: { webSearch: "0.0080000000", total: "0.0080000000" },
      amountBilled: "0.0080000000",
    });
  });
});

describe("keys and billing by mode", () => {
  it("byok: the own search key and the own model key, each billed its 5% markup", async () => {
    await h.setOrgKey("openai", "sk-own-openai-1234");
    await h.setSearchKey("tavily", "own-tavily-key-1234");
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));
    const { data, response } = await sdkClient(h, await h.project("byok")).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true } as never).withResponse();
    expect(h.searchMock!.requests.map(keyOf)).toEqual(["own-tavily-key-1234"]);
    expect(h.mock.requests.at(-1)!.headers.authorization).toBe("Bearer sk-own-openai-1234");
    expect(response.headers.get("x-switchyard-web-search-key-source")).toBe("byok");
    const usage = searchUsage(data);
    expect(usage).toMatchObject({ key_source: "byok", cost_usd_web_search: TAVILY, markup_usd: 0.0004105, billed_usd: 0.0004105 });
    expect(usage.web_search).toMatchObject({ key_source: "byok", markup_usd: 0.0004, billed_usd: 0.0004 });
    expect(h.events[0]).toMatchObject({ keySource: "byok", markup: "0.0004105000", amountBilled: "0.0004105000", cost: { webSearch: "0.0080000000", total: "0.0082100000" } });
  });

  it("byok without a web-search key: 400 naming the providers, before anything is sent", async () => {
    await h.setOrgKey("openai", "sk-own-openai-1234");
    const err = (await sdkClient(h, await h.project("byok"))
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.code).toBe("provider_key_required");
    expect(err.message).toContain("`tavily`");
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
  });

  it("hybrid: an own search key with the model on credits bills each part by its own rule; the event's keySource is the model's", async () => {
    await h.setSearchKey("tavily", "own-tavily-key-1234");
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));
    const data = await sdkClient(h, await h.project("hybrid")).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true } as never);
    expect(h.searchMock!.requests.map(keyOf)).toEqual(["own-tavily-key-1234"]);
    expect(h.mock.requests.at(-1)!.headers.authorization).toBe("Bearer house-openai");
    // credits pay the model's cost (0.00021), the own search key its markup (5% of 0.008).
    expect(searchUsage(data)).toMatchObject({ key_source: "credits", markup_usd: 0.0004, billed_usd: 0.00061, cost_usd_total: 0.00821 });
    expect(h.events[0]).toMatchObject({ keySource: "credits", markup: "0.0004000000", amountBilled: "0.0006100000" });
  });

  it("x-use-byok applies to the search too", async () => {
    await h.setOrgKey("openai", "sk-own-openai-1234");
    await h.setSearchKey("exa", "own-exa-key-1234");
    h.mock.script(() => ({ content: "ok", usage: USAGE }));
    await sdkClient(h, await h.project("credits"), { "x-use-byok": "true" }).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true } as never);
    expect(h.searchMock!.requests.map((r) => [r.provider, keyOf(r)])).toEqual([["exa", "own-exa-key-1234"]]);
  });
});

describe("search failures", () => {
  it("fails over to the next attempt (a failing own key, then the house key)", async () => {
    await h.setSearchKey("tavily", "own-tavily-down-1234");
    h.mock.script(() => ({ content: "ok", usage: USAGE }));
    const { data, response } = await sdkClient(h, await h.project("hybrid")).chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true } as never).withResponse();
    expect(h.searchMock!.requests.map(keyOf)).toEqual(["own-tavily-down-1234", "house-tavily"]);
    expect(response.headers.get("x-switchyard-web-search-attempts")).toBe("2");
    expect(searchUsage(data).web_search).toMatchObject({ key_source: "credits" });
  });

  it("a search that fails everywhere fails the request with the search's error; the model is never called", async () => {
    await h.setSearchKey("tavily", "own-tavily-bad-1234");
    const err = (await sdkClient(h, await h.project("byok"))
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], plugins: [{ id: "web", engine: "tavily" }], byok_conf: { provider: "openai", credentials: "sk-inline-1234" } } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(err).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(err.code).toBe("provider_key_rejected");
    expect(err.message).toContain("Tavily");
    expect(err.message).not.toContain("own-tavily-bad-1234");
    expect(err.headers?.get("x-switchyard-web-search-provider")).toBe("tavily");
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ status: "upstream_error", httpStatus: 403, errorCode: "provider_key_rejected", amountBilled: "0.0000000000", cost: { total: "0.0000000000" } });
  });
});

describe("a client that leaves during the search", () => {
  it("is billed for the search that was sent, not the model it never reached", async () => {
    await h.setSearchKey("tavily", "own-tavily-slow-1234"); // the mock answers this key after 3 s
    const apiKey = await h.project("byok");
    await h.setOrgKey("openai", "sk-own-openai-1234");
    const abort = new AbortController();
    const pending = fetch(`${h.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], web_search: true }),
      signal: abort.signal,
    }).catch((e: unknown) => e);
    await expect.poll(() => h.searchMock!.requests.length).toBe(1);
    abort.abort();
    await pending;
    await expect.poll(() => h.events.length).toBe(1);
    expect(h.events[0]).toMatchObject({ status: "client_abort", httpStatus: 499, keySource: "byok", units: { search: { keySource: "byok", cost: "0.0080000000", markup: "0.0004000000", amountBilled: "0.0004000000" } }, cost: { webSearch: "0.0080000000", total: "0.0080000000" }, amountBilled: "0.0004000000" });
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("bad input: a 400 naming the parameter, nothing sent", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp?]> = [
    ["web_search not a boolean", { web_search: "yes" }, "web_search"],
    ["plugins not an array", { plugins: "web" }, "plugins"],
    ["an unknown plugin id", { plugins: [{ id: "file-parser" }] }, "plugins[0].id", /"web", "response-healing"/],
    ["an unknown plugin name", { plugins: ["web", "nope"] }, "plugins[1]", /known plugins/],
    ["a plugin listed twice", { plugins: ["web", { id: "web" }] }, "plugins[1].id"],
    ["max_results out of range", { plugins: [{ id: "web", max_results: 0 }] }, "plugins[0].max_results"],
    ["max_results not an integer", { plugins: [{ id: "web", max_results: 2.5 }] }, "plugins[0].max_results"],
    ["an empty search_prompt", { plugins: [{ id: "web", search_prompt: " " }] }, "plugins[0].search_prompt"],
    ["an unknown engine", { plugins: [{ id: "web", engine: "bing" }] }, "plugins[0].engine", /"switchyard", "native", "tavily"/],
    ["an unknown web option", { plugins: [{ id: "web", depth: "advanced" }] }, "plugins[0].depth"],
    ["web_search false with :online", { model: "gpt-4o-mini:online", web_search: false }, "web_search"],
    ["engine native on a model without native search", { plugins: [{ id: "web", engine: "native" }] }, "plugins[0].engine", /no native web search/],
    ["no user text to search for", { web_search: true, messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/a.png" } }] }] }, "messages"],
  ];
  it.each(cases)("%s", async (_name, extra, param, message) => {
    const err = (await credits.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], ...extra } as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe(param);
    if (message) expect(err.message).toMatch(message);
    expect(h.searchMock!.requests).toHaveLength(0);
    expect(h.mock.requests).toHaveLength(0);
  });
});
