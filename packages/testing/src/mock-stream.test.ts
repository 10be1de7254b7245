import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";
import { chat, choicesOf, post, readSse } from "./test-helpers.ts";

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const url = (): string => `${mock.url}/v1/chat/completions`;

describe("streaming chat completions", () => {
  it("frames chunks as OpenAI does, without usage when not asked", async () => {
    const res = await post(url(), chat("gpt-4o-mini", "Hi", { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const sse = await readSse(res);
    expect(sse.error).toBeUndefined();
    expect(sse.text.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(sse.text.split("\n\n").filter(Boolean).every((event) => event.startsWith("data: "))).toBe(true);
    expect(sse.done).toBe(true);

    const [first, ...rest] = sse.chunks;
    const ids = new Set(sse.chunks.map((c) => c.id));
    expect(ids.size).toBe(1);
    for (const chunk of sse.chunks) {
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "gpt-4o-mini", system_fingerprint: "fp_mock" });
      expect(typeof chunk.created).toBe("number");
      expect("usage" in chunk).toBe(false);
    }
    expect(first?.choices).toEqual([{ index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null }]);
    const last = rest.at(-1);
    expect(last?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: "stop" }]);
    const content = rest.slice(0, -1).map((c) => choicesOf(c)[0]?.delta.content).join("");
    expect(content).toBe("Hello from mock upstream (model gpt-4o-mini).");
    expect(rest.length - 1).toBeGreaterThan(3);
  });

  it("adds usage: null to every chunk and a final usage chunk with include_usage", async () => {
    const res = await post(url(), chat("gpt-4o-mini", "Hi", { stream: true, stream_options: { include_usage: true } }));
    const sse = await readSse(res);
    expect(sse.done).toBe(true);
    expect(sse.raw.at(-1)).toBe("[DONE]");
    const usageChunk = sse.chunks.at(-1);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10, prompt_tokens_details: { cached_tokens: 0 } });
    for (const chunk of sse.chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(choicesOf(sse.chunks.at(-2) ?? {})[0]?.finish_reason).toBe("stop");
  });

  it("omits usage entirely with omitUsage", async () => {
    mock.enqueue({ omitUsage: true });
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true, stream_options: { include_usage: true } })));
    expect(sse.done).toBe(true);
    expect(sse.chunks.some((c) => "usage" in c)).toBe(false);
  });

  it("streams explicit pieces and honours chunkDelayMs", async () => {
    mock.enqueue({ chunks: ["a", "b", "c"], chunkDelayMs: 30 });
    const started = Date.now();
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true })));
    // role, 3 pieces, finish, [DONE] = 6 events, 5 delays
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sse.chunks.slice(1, 4).map((c) => choicesOf(c)[0]?.delta)).toEqual([{ content: "a" }, { content: "b" }, { content: "c" }]);
  });

  it("splits the content into `chunks: n` pieces", async () => {
    mock.enqueue({ content: "abcdefghij", chunks: 5 });
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true })));
    expect(sse.chunks.slice(1, -1).map((c) => choicesOf(c)[0]?.delta.content)).toEqual(["ab", "cd", "ef", "gh", "ij"]);
  });

  it("streams tool call deltas that reassemble to valid JSON arguments", async () => {
    const args = { location: "Paris, France", unit: "celsius", days: [1, 2, 3] };
    mock.enqueue({ toolCalls: [{ name: "get_weather", arguments: args }, { name: "get_time", arguments: { tz: "Europe/Paris" } }] });
    const sse = await readSse(await post(url(), chat("gpt-4o", "Weather?", { stream: true })));
    expect(sse.done).toBe(true);
    const first = choicesOf(sse.chunks[0] ?? {})[0];
    expect(first?.delta).toMatchObject({ role: "assistant", content: null, refusal: null });
    expect(first?.delta.tool_calls?.[0]).toMatchObject({ index: 0, type: "function", function: { name: "get_weather", arguments: "" } });
    expect(first?.delta.tool_calls?.[0]?.id).toMatch(/^call_/);

    const calls: { id: string; name: string; arguments: string }[] = [];
    let fragments = 0;
    for (const chunk of sse.chunks) {
      for (const tc of choicesOf(chunk)[0]?.delta.tool_calls ?? []) {
        if (tc.id) calls[tc.index] = { id: tc.id, name: tc.function.name ?? "", arguments: tc.function.arguments };
        else {
          fragments++;
          expect(Object.keys(tc)).toEqual(["index", "function"]);
          const call = calls[tc.index];
          if (call) call.arguments += tc.function.arguments;
        }
      }
    }
    expect(fragments).toBeGreaterThan(4);
    expect(calls.map((c) => c.name)).toEqual(["get_weather", "get_time"]);
    expect(JSON.parse(calls[0]?.arguments ?? "")).toEqual(args);
    expect(JSON.parse(calls[1]?.arguments ?? "")).toEqual({ tz: "Europe/Paris" });
    expect(choicesOf(sse.chunks.at(-1) ?? {})[0]).toMatchObject({ delta: {}, finish_reason: "tool_calls" });
  });

  it("[[mock:tool]] calls the request's first tool with schema-valid arguments", async () => {
    const tools = [{ type: "function", function: { name: "search", parameters: { type: "object", properties: { query: { type: "string" }, limit: { type: "integer", minimum: 1 } }, required: ["query", "limit"] } } }];
    const res = await post(url(), chat("gpt-4o", "Find it [[mock:tool]]", { tools }));
    const body = (await res.json()) as { choices: { finish_reason: string; message: { tool_calls: { function: { name: string; arguments: string } }[] } }[] };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message.tool_calls[0]?.function.name).toBe("search");
    expect(JSON.parse(body.choices[0]?.message.tool_calls[0]?.function.arguments ?? "")).toEqual({ query: "mock", limit: 1 });
  });

  it("interleaves one chunk per choice with n > 1", async () => {
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true, n: 2 })));
    const indexes = sse.chunks.map((c) => choicesOf(c)[0]?.index);
    expect(indexes.slice(0, 4)).toEqual([0, 1, 0, 1]);
    for (const i of [0, 1]) {
      const text = sse.chunks.flatMap((c) => choicesOf(c).filter((ch) => ch.index === i)).map((ch) => ch.delta.content ?? "").join("");
      expect(text).toBe("Hello from mock upstream (model m).");
    }
  });

  it("streams a json_schema reply that parses", async () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" }, score: { type: "number" } }, required: ["ok", "score"] };
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true, response_format: { type: "json_schema", json_schema: { name: "r", schema } } })));
    const text = sse.chunks.map((c) => choicesOf(c)[0]?.delta.content ?? "").join("");
    expect(JSON.parse(text)).toEqual({ ok: true, score: 0 });
  });
});
