// The chat mock's search models answer like OpenAI's: url_citation annotations over the cited
// Markdown link (in the message, or in one chunk before the finish chunk), and other models
// refuse web_search_options.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";
import { chat, post, readSse } from "./test-helpers.ts";

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const url = (): string => `${mock.url}/v1/chat/completions`;

interface Annotation {
  type: string;
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

describe("search models in the chat mock", () => {
  it("cites the Markdown link of the answer with a url_citation annotation", async () => {
    const res = await post(url(), chat("gpt-4o-search-preview", "News?", { web_search_options: { search_context_size: "low" } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: Array<{ message: { content: string; annotations: Annotation[] } }> };
    const { content, annotations } = body.choices[0]!.message;
    expect(annotations).toHaveLength(1);
    const { url: link, title, start_index, end_index } = annotations[0]!.url_citation;
    expect(annotations[0]!.type).toBe("url_citation");
    expect(link).toBe("https://example.com/mock-source-one?utm_source=openai");
    expect(title).toBe("Mock source one");
    expect(content.slice(start_index, end_index)).toBe(`[example.com](${link})`);
  });

  it("places scripted citations over their text", async () => {
    mock.enqueue({ content: "Rates held at 4.25%. Markets rose.", citations: [{ url: "https://news.example/rates", title: "Rates", text: "Rates held at 4.25%." }] });
    const res = await post(url(), chat("gpt-4o-mini-search-preview", "Rates?", { web_search_options: {} }));
    const body = (await res.json()) as { choices: Array<{ message: { annotations: Annotation[] } }> };
    expect(body.choices[0]!.message.annotations).toEqual([{ type: "url_citation", url_citation: { end_index: 20, start_index: 0, title: "Rates", url: "https://news.example/rates" } }]);
  });

  it("streams the annotations in one chunk right before the finish chunk", async () => {
    const res = await post(url(), chat("gpt-4o-search-preview", "News?", { stream: true, web_search_options: {} }));
    const sse = await readSse(res);
    const deltas = sse.chunks.map((c) => (c.choices as Array<{ delta: Record<string, unknown>; finish_reason: string | null }>)[0]!);
    const at = deltas.findIndex((d) => d.delta.annotations !== undefined);
    expect(at).toBe(deltas.length - 2);
    expect(deltas.at(-1)).toMatchObject({ delta: {}, finish_reason: "stop" });
    const content = deltas.map((d) => (typeof d.delta.content === "string" ? d.delta.content : "")).join("");
    const [annotation] = deltas[at]!.delta.annotations as Annotation[];
    expect(content.slice(annotation!.url_citation.start_index, annotation!.url_citation.end_index)).toMatch(/^\[example\.com\]\(https:/);
  });

  it("refuses web_search_options on other models, and malformed options", async () => {
    const other = await post(url(), chat("gpt-4o", "Hi", { web_search_options: {} }));
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: { message: "Web search options not supported with this model.", type: "invalid_request_error", param: "web_search_options" } });
    const bad = await post(url(), chat("gpt-4o-search-preview", "Hi", { web_search_options: { search_context_size: "huge" } }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: "web_search_options.search_context_size" } });
  });

  it("answers other models without annotations", async () => {
    const res = await post(url(), chat("gpt-4o-mini", "Hi"));
    const body = (await res.json()) as { choices: Array<{ message: { annotations: unknown[] } }> };
    expect(body.choices[0]!.message.annotations).toEqual([]);
  });
});
