// Anthropic's web search tool through the adapter (against the Messages API mock):
// web_search_options asks for the server tool; cited text blocks become url_citation
// annotations over their text, streamed too; the search count rides in usage.
import { getProvider } from "@switchyard/catalog";
import { type AnthropicMock, startAnthropicMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { anthropicAdapter } from "./adapter.ts";
import { Unsupported } from "./json.ts";
import { anthropicRequest } from "./request.ts";

let mock: AnthropicMock;
let http: UpstreamHttp;
beforeAll(async () => {
  mock = await startAnthropicMock();
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const target: () => UpstreamTarget = () => ({ provider: getProvider("anthropic")!, baseUrl: `${mock.url}/v1`, upstreamModel: "claude-sonnet-4-6", secret: "sk-ant", keySource: "credits", untrustedUrl: false });
const ask = { model: "claude-sonnet-4-6", messages: [{ role: "user", content: "What happened today?" }], web_search_options: {} };
const signal = () => new AbortController().signal;
const JOINED = "I'll search the web for that.Based on the search results, the first source reports the answer, and a second source confirms it.";

interface Annotation {
  type: string;
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

describe("web_search_options → Anthropic's web search tool", () => {
  it("becomes the server tool, with the user location, beside function tools", () => {
    const out = anthropicRequest("claude-sonnet-4-6", {
      ...ask,
      web_search_options: { search_context_size: "high", user_location: { type: "approximate", approximate: { city: "Paris", country: "FR" } } },
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
    }, false);
    expect(out.tools).toEqual([
      { name: "f", input_schema: { type: "object" } },
      { type: "web_search_20250305", name: "web_search", user_location: { type: "approximate", city: "Paris", country: "FR" } },
    ]);
    expect(anthropicRequest("claude-sonnet-4-6", ask, false)).toMatchObject({ tools: [{ type: "web_search_20250305", name: "web_search" }] });
    expect(anthropicRequest("claude-sonnet-4-6", ask, false)).not.toHaveProperty("tool_choice");
  });

  it.each([
    [{ web_search_options: "yes" }, "web_search_options"],
    [{ web_search_options: { max_uses: 3 } }, "web_search_options.max_uses"],
    [{ web_search_options: { user_location: { type: "exact" } } }, "web_search_options.user_location"],
    [{ web_search_options: { user_location: { type: "approximate", approximate: { city: 7 } } } }, "web_search_options.user_location.approximate.city"],
  ])("refuses malformed options naming the field %#", (extra, param) => {
    try {
      anthropicRequest("claude-sonnet-4-6", { ...ask, ...extra }, false);
      throw new Error("not refused");
    } catch (error) {
      expect(error).toBeInstanceOf(Unsupported);
      expect((error as Unsupported).param).toBe(param);
    }
  });
});

describe("Anthropic web search answers", () => {
  it("maps cited text blocks to url_citation annotations over the joined content, and counts searches", async () => {
    const out = await anthropicAdapter(http).chat({ target: target(), body: ask, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    const message = (out.completion.choices as Array<{ message: { content: string; annotations: Annotation[] } }>)[0]!.message;
    expect(message.content).toBe(JOINED);
    expect(message.annotations.map((a) => [a.url_citation.url, a.url_citation.title, message.content.slice(a.url_citation.start_index, a.url_citation.end_index)])).toEqual([
      ["https://example.com/mock-source-one", "Mock source one", "the first source reports the answer"],
      ["https://example.org/mock-source-two", "Mock source two", "a second source confirms it"],
    ]);
    expect(out.completion.usage).toMatchObject({ server_tool_use: { web_search_requests: 1 } });
    expect((mock.requests.at(-1)!.body as { tools: unknown[] }).tools).toEqual([{ type: "web_search_20250305", name: "web_search" }]);
  });

  it("streams the same annotations in one chunk before the finish chunk", async () => {
    mock.enqueue({ webSearch: { queries: ["first", "second"] } });
    const out = await anthropicAdapter(http).chat({ target: target(), body: ask, stream: true, signal: signal() });
    if (!out.ok || !out.stream) throw new Error(JSON.stringify(out));
    const chunks: Array<{ choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage?: Record<string, unknown> }> = [];
    for await (const data of out.events) chunks.push(JSON.parse(data) as (typeof chunks)[number]);
    const choices = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0]!);
    const content = choices.map((c) => (typeof c.delta.content === "string" ? c.delta.content : "")).join("");
    expect(content).toBe(JOINED);
    expect(choices.filter((c) => c.delta.tool_calls !== undefined)).toEqual([]);
    const at = choices.findIndex((c) => c.delta.annotations !== undefined);
    expect(at).toBe(choices.length - 2);
    expect(choices.at(-1)!.finish_reason).toBe("stop");
    const annotations = choices[at]!.delta.annotations as Annotation[];
    expect(annotations.map((a) => content.slice(a.url_citation.start_index, a.url_citation.end_index))).toEqual(["the first source reports the answer", "a second source confirms it"]);
    expect(chunks.at(-1)!.usage).toMatchObject({ server_tool_use: { web_search_requests: 2 } });
  });

  it("counts indexes in code points, streamed or not (an emoji counts once)", async () => {
    const answer = { webSearch: { answer: [{ text: "😀 Before, " }, { text: "the cited part", cite: [0] }, { text: " 🎉." }] } };
    const points = (content: string, a: Annotation) => Array.from(content).slice(a.url_citation.start_index, a.url_citation.end_index).join("");
    mock.enqueue(answer);
    const out = await anthropicAdapter(http).chat({ target: target(), body: ask, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    const message = (out.completion.choices as Array<{ message: { content: string; annotations: Annotation[] } }>)[0]!.message;
    expect(message.annotations.map((a) => points(message.content, a))).toEqual(["the cited part"]);
    expect(message.annotations[0]!.url_citation.start_index).toBe(Array.from("I'll search the web for that.😀 Before, ").length);

    mock.enqueue(answer);
    const streamed = await anthropicAdapter(http).chat({ target: target(), body: ask, stream: true, signal: signal() });
    if (!streamed.ok || !streamed.stream) throw new Error(JSON.stringify(streamed));
    let content = "";
    let annotations: Annotation[] = [];
    for await (const data of streamed.events) {
      const delta = (JSON.parse(data) as { choices: Array<{ delta: { content?: string; annotations?: Annotation[] } }> }).choices[0]?.delta;
      content += delta?.content ?? "";
      annotations = delta?.annotations ?? annotations;
    }
    expect(annotations).toEqual(message.annotations);
    expect(points(content, annotations[0]!)).toBe("the cited part");
  });

  it("reports no searches when none succeeded", async () => {
    mock.enqueue({ webSearch: { errorCode: "too_many_requests", answer: [{ text: "I could not search." }] } });
    const out = await anthropicAdapter(http).chat({ target: target(), body: ask, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    expect(out.completion.usage).not.toHaveProperty("server_tool_use");
    expect((out.completion.choices as Array<{ message: Record<string, unknown> }>)[0]!.message).not.toHaveProperty("annotations");
  });
});
