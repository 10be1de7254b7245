// The Google AI Studio adapter against the Gemini mock: answers, streams, usage, failures, keys.
import { getProvider } from "@switchyard/catalog";
import { startGeminiMock, type GeminiMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { StreamInterruptedError } from "../sse.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { googleAdapter } from "./adapter.ts";

let mock: GeminiMock;
let http: UpstreamHttp;
const provider = getProvider("google")!;

beforeAll(async () => {
  mock = await startGeminiMock({ validKeys: ["AIza-good"] });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const target = (over: Partial<UpstreamTarget> = {}): UpstreamTarget => ({
  provider, baseUrl: `${mock.url}/`, upstreamModel: "gemini-2.5-flash", secret: "AIza-good", keySource: "credits", untrustedUrl: false, ...over,
});
const signal = () => new AbortController().signal;
const hi = { model: "gemini-2.5-flash", messages: [{ role: "user", content: "Hi" }] };
type Chunk = { choices: Array<{ index: number; delta: Record<string, unknown>; finish_reason: string | null }>; usage?: Record<string, unknown> };

async function completion(body: Record<string, unknown>, over: Partial<UpstreamTarget> = {}): Promise<Record<string, unknown>> {
  const out = await googleAdapter(http).chat({ target: target(over), body, stream: false, signal: signal() });
  if (!out.ok || out.stream) throw new Error(`expected a completion: ${JSON.stringify(out)}`);
  return out.completion;
}

async function chunks(body: Record<string, unknown>): Promise<Chunk[]> {
  const out = await googleAdapter(http).chat({ target: target(), body, stream: true, signal: signal() });
  if (!out.ok || !out.stream) throw new Error(`expected a stream: ${JSON.stringify(out)}`);
  const all: Chunk[] = [];
  for await (const data of out.events) all.push(JSON.parse(data) as Chunk);
  return all;
}

describe("Google AI Studio adapter", () => {
  it("posts generateContent under /v1beta with the key header and answers a chat.completion", async () => {
    mock.enqueue({ thoughts: "Hmm.", usage: { promptTokenCount: 100, cachedContentTokenCount: 40, candidatesTokenCount: 7, thoughtsTokenCount: 5 } });
    const res = await completion({ ...hi, reasoning_effort: "low" });
    const request = mock.requests.at(-1)!;
    expect(request.path).toBe("/v1beta/models/gemini-2.5-flash:generateContent");
    expect(request.headers["x-goog-api-key"]).toBe("AIza-good");
    expect(res).toMatchObject({ object: "chat.completion", model: "gemini-2.5-flash", id: expect.stringMatching(/^chatcmpl-/) });
    expect(res.choices).toEqual([{ index: 0, message: { role: "assistant", content: "Hello from mock Gemini (model gemini-2.5-flash).", refusal: null, reasoning_content: "Hmm." }, logprobs: null, finish_reason: "stop" }]);
    expect(res.usage).toEqual({ prompt_tokens: 100, completion_tokens: 12, total_tokens: 112, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 5 } });
  });

  it("streams text deltas, whole tool calls with stable indexes, the finish reason and a usage chunk", async () => {
    mock.enqueue({ chunks: ["Let me ", "check."] });
    const text = await chunks(hi);
    expect(mock.requests.at(-1)!.path).toBe("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
    expect(text.map((c) => c.choices[0]?.delta.content ?? null)).toEqual(["Let me ", "check.", null, null]);
    expect(text[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(text.at(-2)!.choices[0]!.finish_reason).toBe("stop");
    expect(text.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) } });

    mock.enqueue({ toolCalls: [{ name: "a", args: { x: 1 } }, { name: "b" }] });
    const tools = await chunks({ ...hi, tools: [{ type: "function", function: { name: "a" } }, { type: "function", function: { name: "b" } }] });
    const calls = tools.flatMap((c) => (c.choices[0]?.delta.tool_calls as Array<Record<string, unknown>> | undefined) ?? []);
    expect(calls).toEqual([
      { index: 0, id: expect.stringMatching(/^call_/), type: "function", function: { name: "a", arguments: '{"x":1}' } },
      { index: 1, id: expect.stringMatching(/^call_/), type: "function", function: { name: "b", arguments: "{}" } },
    ]);
    expect(tools.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("maps finish reasons: MAX_TOKENS → length, SAFETY → content_filter, a blocked prompt → content_filter", async () => {
    mock.enqueue({ finishReason: "MAX_TOKENS" }, { finishReason: "SAFETY" }, { blockReason: "PROHIBITED_CONTENT" }, { blockReason: "SAFETY" });
    const finish = (c: Record<string, unknown>) => (c.choices as Array<{ finish_reason: string }>)[0]!.finish_reason;
    expect(finish(await completion(hi))).toBe("length");
    expect(finish(await completion(hi))).toBe("content_filter");
    expect(finish(await completion(hi))).toBe("content_filter");
    expect((await chunks(hi)).map((c) => c.choices[0]?.finish_reason)).toEqual(["content_filter", undefined]);
  });

  it("fails a stream that ends before its finish reason", async () => {
    mock.enqueue({ chunks: ["a", "b", "c", "d"], failAfterChunks: 2 });
    await expect(chunks(hi)).rejects.toBeInstanceOf(StreamInterruptedError);
  });

  it("carries Gemini 3 thought signatures through the tool call id and back", async () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    mock.enqueue({ toolCalls: [] });
    const first = await completion({ ...hi, tools }, { upstreamModel: "gemini-3.5-flash" });
    const message = (first.choices as Array<{ message: { tool_calls: Array<{ id: string }> } }>)[0]!.message;
    expect(message.tool_calls[0]!.id).toMatch(/^call_[a-z0-9]+__thought__[A-Za-z0-9+/=]+$/);
    const second = await completion({ ...hi, tools, messages: [hi.messages[0], message, { role: "tool", tool_call_id: message.tool_calls[0]!.id, content: "sunny" }] }, { upstreamModel: "gemini-3.5-flash" });
    expect(second.choices).toBeDefined();
  });

  it("classifies Google's errors: invalid key → 401 auth, 429 with the RetryInfo delay, 503 server, 404 client", async () => {
    const outcome = (over: Partial<UpstreamTarget> = {}): Promise<UpstreamOutcome> => googleAdapter(http).chat({ target: target(over), body: hi, stream: false, signal: signal() });
    expect(await outcome({ secret: "AIza-bad" })).toMatchObject({ ok: false, kind: "auth", status: 401, code: "invalid_api_key", message: "API key not valid. Please pass a valid API key." });
    mock.enqueue({ error: { status: 429 } }, { error: { status: 503 } }, { error: { status: 429, headers: { "retry-after": "7" } } });
    expect(await outcome()).toMatchObject({ ok: false, kind: "rate_limit", status: 429, retryAfter: "13", code: "RESOURCE_EXHAUSTED" });
    expect(await outcome()).toMatchObject({ ok: false, kind: "server", status: 503, code: "overloaded", message: "The model is overloaded. Please try again later." });
    expect(await outcome()).toMatchObject({ kind: "rate_limit", retryAfter: "7" });
    expect(await outcome({ upstreamModel: "palm-2" })).toMatchObject({ ok: false, kind: "client", status: 404 });
  });

  it("validates keys with models.list", async () => {
    expect(await googleAdapter(http).validateKey(target(), signal())).toEqual({ ok: true });
    expect(mock.requests.at(-1)!.path).toBe("/v1beta/models?pageSize=1");
    expect(await googleAdapter(http).validateKey(target({ secret: "AIza-bad" }), signal())).toMatchObject({ ok: false, kind: "auth", status: 401 });
  });
});
