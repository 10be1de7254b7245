// The Anthropic mock's web search tool: checked like the API checks it, answered with
// server_tool_use / web_search_tool_result blocks, cited text blocks and the search count.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AnthropicMock, startAnthropicMock } from "./server.ts";

let mock: AnthropicMock;
beforeAll(async () => {
  mock = await startAnthropicMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const HEADERS = { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01", "content-type": "application/json" };
const TOOL = { type: "web_search_20250305", name: "web_search" };
const ask = (tools: unknown[], extra: Record<string, unknown> = {}) => ({ model: "claude-sonnet-4-6", max_tokens: 500, messages: [{ role: "user", content: "What happened today?" }], tools, ...extra });
const post = (body: unknown) => fetch(`${mock.url}/v1/messages`, { method: "POST", headers: HEADERS, body: JSON.stringify(body) });

type Block = Record<string, unknown> & { type: string };

describe("Anthropic mock web search", () => {
  it("searches for the question, returns results and a cited answer, and counts the search", async () => {
    const res = await post(ask([TOOL]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { content: Block[]; usage: Record<string, unknown> };
    expect(body.content.map((b) => b.type)).toEqual(["text", "server_tool_use", "web_search_tool_result", "text", "text", "text", "text", "text"]);
    const use = body.content[1]!;
    expect(use).toMatchObject({ name: "web_search", input: { query: "What happened today?" }, id: expect.stringMatching(/^srvtoolu_/) });
    expect(body.content[2]).toMatchObject({ tool_use_id: use.id, content: [{ type: "web_search_result", url: "https://example.com/mock-source-one", encrypted_content: expect.any(String) }, { url: "https://example.org/mock-source-two" }] });
    expect(body.content[4]).toMatchObject({ text: "the first source reports the answer", citations: [{ type: "web_search_result_location", url: "https://example.com/mock-source-one", title: "Mock source one", cited_text: expect.any(String) }] });
    expect(body.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
  });

  it("fails searches beyond max_uses and does not count them", async () => {
    mock.enqueue({ webSearch: { queries: ["a", "b", "c"] } });
    const res = await post(ask([{ ...TOOL, max_uses: 2 }]));
    const body = (await res.json()) as { content: Block[]; usage: { server_tool_use: { web_search_requests: number } } };
    const results = body.content.filter((b) => b.type === "web_search_tool_result");
    expect(results).toHaveLength(3);
    expect(results[2]!.content).toEqual({ type: "web_search_tool_result_error", error_code: "max_uses_exceeded" });
    expect(body.usage.server_tool_use.web_search_requests).toBe(2);
  });

  it.each([
    [{ ...TOOL, name: "search" }, "tools.0.name: Input should be 'web_search'"],
    [{ type: "web_search_20990101", name: "web_search" }, "tools.0: Input tag 'web_search_20990101'"],
    [{ ...TOOL, max_uses: 0 }, "tools.0.max_uses"],
    [{ ...TOOL, allowed_domains: ["a.com"], blocked_domains: ["b.com"] }, "Cannot specify both allowed_domains and blocked_domains"],
    [{ ...TOOL, user_location: { type: "exact", city: "Paris" } }, "tools.0.user_location.type"],
    [{ ...TOOL, search_context_size: "low" }, "tools.0.search_context_size: Extra inputs are not permitted"],
  ])("refuses a malformed web search tool %#", async (tool, message) => {
    const res = await post(ask([tool]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  });

  it("streams citations as citations_delta events and the count in message_delta", async () => {
    const res = await post(ask([TOOL], { stream: true }));
    const frames = (await res.text()).split("\n\n").filter(Boolean).map((f) => JSON.parse(f.split("\n")[1]!.slice(6)) as Record<string, unknown>);
    const starts = frames.filter((f) => f.type === "content_block_start").map((f) => (f.content_block as Block).type);
    expect(starts).toEqual(["text", "server_tool_use", "web_search_tool_result", "text", "text", "text", "text", "text"]);
    const citationDeltas = frames.filter((f) => f.type === "content_block_delta" && (f.delta as Block).type === "citations_delta");
    expect(citationDeltas.map((f) => f.index)).toEqual([4, 6]);
    const start = frames.find((f) => f.type === "message_start") as { message: { usage: { server_tool_use: unknown } } };
    expect(start.message.usage.server_tool_use).toBeNull();
    const delta = frames.find((f) => f.type === "message_delta") as { usage: { server_tool_use: unknown } };
    expect(delta.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
  });
});
