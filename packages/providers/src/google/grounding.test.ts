// Grounding with Google Search through the Google AI Studio adapter (against the Gemini mock):
// web_search_options asks for the googleSearch tool; groundingMetadata becomes url_citation
// annotations with string indexes (Gemini's are UTF-8 byte offsets) and a search count.
import { getProvider } from "@switchyard/catalog";
import { startGeminiMock, type GeminiMock } from "@switchyard/testing";
import { SwitchyardError } from "@switchyard/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { googleAdapter } from "./adapter.ts";
import { byteOffsetToCodePoint, groundingAnnotations } from "./grounding.ts";
import { openAIChunks } from "./stream.ts";

let mock: GeminiMock;
let http: UpstreamHttp;

beforeAll(async () => {
  mock = await startGeminiMock();
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const target = (model = "gemini-2.5-flash"): UpstreamTarget => ({ provider: getProvider("google")!, baseUrl: mock.url, upstreamModel: model, secret: "AIza-k", keySource: "credits", untrustedUrl: false });
const ask = { model: "gemini-2.5-flash", messages: [{ role: "user", content: "Café prices?" }], web_search_options: {} };
const signal = () => new AbortController().signal;

interface Annotation {
  type: string;
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

describe("byteOffsetToCodePoint", () => {
  it("maps UTF-8 byte offsets to code point offsets, refusing offsets inside a character", () => {
    const text = "aé€😀b";
    expect([0, 1, 3, 6, 10, 11].map((b) => byteOffsetToCodePoint(text, b))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(byteOffsetToCodePoint(text, 2)).toBeUndefined();
    expect(byteOffsetToCodePoint(text, 8)).toBeUndefined();
    expect(byteOffsetToCodePoint(text, 12)).toBeUndefined();
  });

  it("skips supports whose offsets fall outside the text and unknown chunks", () => {
    const metadata = { groundingChunks: [{ web: { uri: "https://a", title: "a" } }], groundingSupports: [{ segment: { endIndex: 99 }, groundingChunkIndices: [0] }, { segment: { endIndex: 2 }, groundingChunkIndices: [0, 5] }] };
    expect(groundingAnnotations(metadata, "hello")).toEqual([{ type: "url_citation", url_citation: { url: "https://a", title: "a", start_index: 0, end_index: 2 } }]);
  });
});

describe("grounded streams", () => {
  it("merge the groundings of several events, each annotation once", async () => {
    const chunk = { web: { uri: "https://a", title: "a" } };
    const first = { candidates: [{ content: { parts: [{ text: "héllo " }] }, groundingMetadata: { webSearchQueries: ["q"], groundingChunks: [chunk], groundingSupports: [{ segment: { endIndex: 6 }, groundingChunkIndices: [0] }] } }] };
    const last = {
      candidates: [{
        content: { parts: [{ text: "world" }] },
        finishReason: "STOP",
        groundingMetadata: { webSearchQueries: ["q"], groundingChunks: [chunk], groundingSupports: [{ segment: { endIndex: 6 }, groundingChunkIndices: [0] }, { segment: { startIndex: 7, endIndex: 12 }, groundingChunkIndices: [0] }] },
      }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2 },
    };
    const body = (async function* () {
      for (const event of [first, last]) yield new TextEncoder().encode(`data: ${JSON.stringify(event)}\r\n\r\n`);
    })();
    const out: Array<{ choices: Array<{ delta: { annotations?: Annotation[] } }>; usage?: unknown }> = [];
    for await (const data of openAIChunks(body, 1024 * 1024, "gemini-2.5-flash", true)) out.push(JSON.parse(data) as (typeof out)[number]);
    const annotations = out.flatMap((c) => c.choices.flatMap((choice) => choice.delta.annotations ?? []));
    expect(annotations.map((a) => [a.url_citation.start_index, a.url_citation.end_index])).toEqual([[0, 5], [6, 11]]);
    expect(out.at(-1)!.usage).toMatchObject({ server_tool_use: { web_search_requests: 1 } });
  });
});

describe("Google Search grounding", () => {
  it("sends the googleSearch tool and maps groundingMetadata to annotations and a search count", async () => {
    const out = await googleAdapter(http).chat({ target: target(), body: ask, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    expect((mock.requests.at(-1)!.body as { tools: unknown[] }).tools).toEqual([{ googleSearch: {} }]);
    const message = (out.completion.choices as Array<{ message: { content: string; annotations: Annotation[] } }>)[0]!.message;
    expect(message.annotations.map((a) => [a.url_citation.title, message.content.slice(a.url_citation.start_index, a.url_citation.end_index)])).toEqual([
      ["example.com", "Café prices rose 5% — the first source reports it."],
      ["example.org", "A second source confirms it."],
      ["example.com", "A second source confirms it."],
    ]);
    expect(out.completion.usage).toMatchObject({ server_tool_use: { web_search_requests: 1 } });
  });

  it("counts unique non-empty queries as searches", async () => {
    mock.enqueue({ grounding: { queries: ["a", "", "b", "a"] } });
    const out = await googleAdapter(http).chat({ target: target(), body: ask, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    expect(out.completion.usage).toMatchObject({ server_tool_use: { web_search_requests: 2 } });
  });

  it("streams the annotations in one chunk before the finish chunk, indexes over the streamed text", async () => {
    mock.enqueue({ chunks: 5 });
    const out = await googleAdapter(http).chat({ target: target(), body: ask, stream: true, signal: signal() });
    if (!out.ok || !out.stream) throw new Error(JSON.stringify(out));
    const chunks: Array<{ choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage?: Record<string, unknown> }> = [];
    for await (const data of out.events) chunks.push(JSON.parse(data) as (typeof chunks)[number]);
    const withChoice = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0]!);
    const at = withChoice.findIndex((c) => c.delta.annotations !== undefined);
    expect(at).toBe(withChoice.length - 2);
    expect(withChoice.at(-1)!.finish_reason).toBe("stop");
    const content = withChoice.map((c) => (typeof c.delta.content === "string" ? c.delta.content : "")).join("");
    const annotations = withChoice[at]!.delta.annotations as Annotation[];
    expect(content.slice(annotations[0]!.url_citation.start_index, annotations[0]!.url_citation.end_index)).toBe("Café prices rose 5% — the first source reports it.");
    expect(chunks.at(-1)!.usage).toMatchObject({ server_tool_use: { web_search_requests: 1 } });
  });

  it("refuses malformed web_search_options with a 400 naming the field", async () => {
    const bad = { ...ask, web_search_options: { search_context_size: "huge" } };
    await expect(googleAdapter(http).chat({ target: target(), body: bad, stream: false, signal: signal() })).rejects.toMatchObject({ param: "web_search_options.search_context_size" });
    await expect(googleAdapter(http).chat({ target: target(), body: { ...ask, web_search_options: "yes" }, stream: false, signal: signal() })).rejects.toBeInstanceOf(SwitchyardError);
  });

  it("asks for no search and reports none without web_search_options", async () => {
    const out = await googleAdapter(http).chat({ target: target(), body: { ...ask, web_search_options: undefined }, stream: false, signal: signal() });
    if (!out.ok || out.stream) throw new Error(JSON.stringify(out));
    expect((mock.requests.at(-1)!.body as { tools?: unknown }).tools).toBeUndefined();
    expect(out.completion.usage).not.toHaveProperty("server_tool_use");
  });
});
