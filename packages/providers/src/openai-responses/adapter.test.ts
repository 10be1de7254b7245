// The Responses adapter against the Responses API mock: translation both ways, streaming,
// failures before and after the first output, key validation.
import { getProvider } from "@switchyard/catalog";
import { startResponsesMock, type ResponsesMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { StreamInterruptedError } from "../sse.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { openAIRoute, responsesAdapter } from "./adapter.ts";

let mock: ResponsesMock;
let http: UpstreamHttp;
beforeAll(async () => {
  mock = await startResponsesMock({ validKeys: ["sk-good"] });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const target = (secret = "sk-good"): UpstreamTarget => ({
  provider: getProvider("openai-responses")!, baseUrl: `${mock.url}/v1`, upstreamModel: "o4-mini", secret, keySource: "byok", untrustedUrl: false,
});
const adapter = () => responsesAdapter(http, openAIRoute);
const signal = () => new AbortController().signal;
const chat = (body: Record<string, unknown>, stream: boolean) => adapter().chat({ target: target(), body: { messages: [{ role: "user", content: "Hi" }], ...body }, stream, signal: signal() });
const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];

async function collect(outcome: UpstreamOutcome): Promise<Array<Record<string, unknown>>> {
  if (!outcome.ok || !outcome.stream) throw new Error("expected a stream");
  const out = [];
  for await (const data of outcome.events) out.push(JSON.parse(data) as Record<string, unknown>);
  return out;
}

describe("Responses adapter", () => {
  it("sends a translated request and answers a chat completion", async () => {
    mock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" }, id: "call_x" }] });
    const outcome = await chat({ tools, reasoning_effort: "low" }, false);
    expect(mock.requests[0]).toMatchObject({ method: "POST", path: "/v1/responses", headers: { authorization: "Bearer sk-good" } });
    expect(mock.requests[0]!.body).toMatchObject({ model: "o4-mini", store: false, reasoning: { effort: "low", summary: "auto" }, tools: [{ type: "function", name: "get_weather", strict: false }] });
    expect(outcome).toMatchObject({
      ok: true,
      stream: false,
      completion: {
        object: "chat.completion",
        choices: [{ finish_reason: "tool_calls", message: { role: "assistant", content: null, reasoning_content: expect.any(String), tool_calls: [{ id: "call_x", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] } }],
        usage: { prompt_tokens: expect.any(Number), completion_tokens_details: { reasoning_tokens: expect.any(Number) } },
      },
    });
  });

  it("streams chunks with a finish chunk and a usage chunk", async () => {
    mock.enqueue({ chunks: ["Hel", "lo", "!"] });
    const chunks = await collect(await chat({}, true));
    expect(mock.requests[0]!.body).toMatchObject({ stream: true });
    const text = chunks.flatMap((c) => (c.choices as Array<{ delta: { content?: string } }>).map((ch) => ch.delta.content ?? "")).join("");
    expect(text).toBe("Hello!");
    expect(chunks.at(-2)).toMatchObject({ choices: [{ finish_reason: "stop" }] });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });
  });

  it("reports a failure before any output as a failed attempt, a later one as an interrupted stream", async () => {
    mock.enqueue({ failed: { code: "server_error", message: "upstream broke" } }, { content: "one two three", errorAfterDeltas: 1 }, { error: { status: 429 } });
    expect(await chat({}, true)).toMatchObject({ ok: false, kind: "server", message: "upstream broke" });
    const err = await collect(await chat({}, true)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamInterruptedError);
    expect(await chat({}, false)).toMatchObject({ ok: false, kind: "rate_limit", status: 429, retryAfter: expect.any(String) });
  });

  it("refuses untranslatable parameters without calling the upstream, and validates keys with GET /models", async () => {
    expect(await chat({ n: 3 }, false)).toMatchObject({ ok: false, kind: "client", status: 400, param: "n" });
    expect(mock.requests).toHaveLength(0);
    expect(await adapter().validateKey(target(), signal())).toEqual({ ok: true });
    expect(mock.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models" });
    expect(await adapter().validateKey(target("sk-bad"), signal())).toMatchObject({ ok: false, kind: "auth", status: 401 });
  });
});
