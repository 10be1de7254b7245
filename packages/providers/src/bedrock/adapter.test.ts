// The Bedrock adapter against the mock Bedrock Runtime (which recomputes every SigV4 signature
// and checks bodies as Bedrock does): answers, streams, tools, reasoning, errors, key checks.
import type { ProviderDefinition } from "@switchyard/catalog";
import { MOCK_AWS_CREDENTIALS, startBedrockMock, type BedrockMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import { StreamInterruptedError } from "../sse.ts";
import type { UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { bedrockAdapter } from "./adapter.ts";

let mock: BedrockMock;
let http: UpstreamHttp;
const provider = { id: "aws", name: "Amazon Bedrock", protocol: "bedrock", baseUrl: "https://bedrock-runtime.{region}.amazonaws.com" } as ProviderDefinition;
const CLAUDE = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
const secret = (over: Record<string, string> = {}) => JSON.stringify({ ...MOCK_AWS_CREDENTIALS, ...over });

beforeAll(async () => {
  mock = await startBedrockMock();
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});
beforeEach(() => mock.reset());

const target = (over: Partial<UpstreamTarget> = {}): UpstreamTarget => ({ provider, baseUrl: mock.url, upstreamModel: CLAUDE, secret: secret(), keySource: "byok", untrustedUrl: false, ...over });
const adapter = () => bedrockAdapter(http);
const chat = (body: Record<string, unknown>, stream = false, over: Partial<UpstreamTarget> = {}) =>
  adapter().chat({ target: target(over), body: { model: "m", messages: [{ role: "user", content: "Hi" }], ...body }, stream, signal: new AbortController().signal });

async function chunks(outcome: UpstreamOutcome): Promise<Record<string, unknown>[]> {
  if (!outcome.ok || !outcome.stream) throw new Error(`expected a stream, got ${JSON.stringify(outcome)}`);
  const out: Record<string, unknown>[] = [];
  for await (const data of outcome.events) out.push(JSON.parse(data) as Record<string, unknown>);
  return out;
}
const deltas = (list: Record<string, unknown>[]) => list.flatMap((c) => (c.choices as { delta: Record<string, unknown> }[]).map((x) => x.delta));

describe("Bedrock adapter", () => {
  it("signs a Converse request to the model path and maps the answer and usage", async () => {
    mock.enqueue({ text: "Bonjour", usage: { inputTokens: 10, outputTokens: 3, cacheReadInputTokens: 4, cacheWriteInputTokens: 2 } });
    const out = await chat({ messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], max_tokens: 50, temperature: 0.2, stop: "END", seed: 7 });
    expect(out).toMatchObject({
      ok: true,
      completion: {
        object: "chat.completion",
        model: CLAUDE,
        choices: [{ message: { role: "assistant", content: "Bonjour" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 16, completion_tokens: 3, total_tokens: 19, prompt_tokens_details: { cached_tokens: 4, cache_write_tokens: 2 } },
      },
    });
    const req = mock.requests.at(-1)!;
    expect(req.path).toBe("/model/us.anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse");
    expect(req.signature).toMatchObject({ accessKeyId: MOCK_AWS_CREDENTIALS.accessKeyId, region: "us-east-1", service: "bedrock" });
    expect(req.body).toEqual({
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: 50, temperature: 0.2, stopSequences: ["END"] },
    });
  });

  it("streams the event stream as chunks with the finish reason and usage last", async () => {
    mock.enqueue({ text: "Hello there", chunks: ["Hel", "lo ", "there"], usage: { inputTokens: 5, outputTokens: 2 } });
    const list = await chunks(await chat({}, true));
    expect(mock.requests.at(-1)!.path).toMatch(/\/converse-stream$/);
    expect(deltas(list).map((d) => d.content).join("")).toBe("Hello there");
    expect(list.at(-2)).toMatchObject({ object: "chat.completion.chunk", choices: [{ finish_reason: "stop" }] });
    expect(list.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } });
  });

  it("sends tools and tool results, and streams tool calls with stable indexes", async () => {
    const tools = [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];
    mock.enqueue({ toolUses: [{ name: "get_weather", input: { city: "Oslo" }, toolUseId: "tooluse_a" }, { name: "get_weather", input: { city: "Rome" }, toolUseId: "tooluse_b" }] });
    const list = await chunks(await chat({ tools, tool_choice: "required" }, true));
    const calls = deltas(list).flatMap((d) => (d.tool_calls as { index: number; id?: string; function: { arguments: string } }[] | undefined) ?? []);
    expect(calls.filter((c) => c.id).map((c) => [c.index, c.id])).toEqual([[0, "tooluse_a"], [1, "tooluse_b"]]);
    expect(JSON.parse(calls.filter((c) => c.index === 1).map((c) => c.function.arguments).join(""))).toEqual({ city: "Rome" });
    expect(list.at(-2)).toMatchObject({ choices: [{ finish_reason: "tool_calls" }] });
    expect((mock.requests.at(-1)!.body as Record<string, unknown>).toolConfig).toEqual({
      tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: tools[0]!.function.parameters } } }],
      toolChoice: { any: {} },
    });

    const history = [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [{ id: "tooluse_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "tooluse_a", content: "Sunny" },
      { role: "user", content: "Thanks" },
    ];
    expect((await chat({ tools, messages: history })).ok).toBe(true);
    expect((mock.requests.at(-1)!.body as { messages: unknown }).messages).toEqual([
      { role: "user", content: [{ text: "Weather?" }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: "tooluse_a", name: "get_weather", input: { city: "Oslo" } } }] },
      { role: "user", content: [{ toolResult: { toolUseId: "tooluse_a", content: [{ text: "Sunny" }] } }, { text: "Thanks" }] },
    ]);
  });

  it("asks Claude for thinking and returns reasoning_content, signatures included", async () => {
    mock.enqueue({ reasoning: "Let me think.", text: "42" }, { reasoning: "Hmm.", text: "42" });
    const out = await chat({ reasoning_effort: "low" });
    expect(out).toMatchObject({ ok: true, completion: { choices: [{ message: { content: "42", reasoning_content: "Let me think.", reasoning_details: [{ type: "reasoning.text", signature: expect.any(String) }] } }] } });
    expect(mock.requests.at(-1)!.body).toMatchObject({ additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 2048 } }, inferenceConfig: { maxTokens: 2048 + 4096 } });
    const list = await chunks(await chat({ reasoning_effort: "high", max_tokens: 3000 }, true));
    expect(deltas(list).map((d) => d.reasoning_content ?? "").join("")).toBe("Hmm.");
    expect(mock.requests.at(-1)!.body).toMatchObject({ additionalModelRequestFields: { thinking: { budget_tokens: 2999 } } });
  });

  it("serves json_schema with outputConfig and json_object with a forced tool", async () => {
    const schema = { type: "object", properties: { answer: { type: "integer" } }, required: ["answer"], additionalProperties: false };
    const out = await chat({ response_format: { type: "json_schema", json_schema: { name: "result", schema } } });
    expect(out.ok && !out.stream && JSON.parse((out.completion.choices as { message: { content: string } }[])[0]!.message.content)).toEqual({ answer: 0 });
    expect(mock.requests.at(-1)!.body).toMatchObject({ outputConfig: { textFormat: { type: "json_schema", structure: { jsonSchema: { name: "result", schema: JSON.stringify(schema) } } } } });

    const list = await chunks(await chat({ response_format: { type: "json_object" } }, true));
    expect(JSON.parse(deltas(list).map((d) => d.content ?? "").join(""))).toEqual({});
    expect(deltas(list).some((d) => d.tool_calls)).toBe(false);
    expect(list.at(-2)).toMatchObject({ choices: [{ finish_reason: "stop" }] });
  });

  it("refuses what Bedrock cannot honour with a 400 naming the parameter", async () => {
    const image = { role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] };
    expect(await chat({ messages: [image] })).toMatchObject({ ok: false, kind: "client", status: 400, param: "messages[0].content[0].image_url" });
    expect(await chat({ n: 2 })).toMatchObject({ ok: false, param: "n" });
    expect(await chat({ presence_penalty: 0.5 })).toMatchObject({ ok: false, param: "presence_penalty" });
    expect(await chat({ reasoning_effort: "low" }, false, { upstreamModel: "amazon.nova-pro-v1:0" })).toMatchObject({ ok: false, param: "reasoning_effort" });
    expect(mock.requests).toHaveLength(0);
  });

  it("classifies HTTP errors by x-amzn-ErrorType and stream exceptions by :exception-type", async () => {
    mock.enqueue({ error: { type: "ThrottlingException" } }, { error: { type: "ModelNotReadyException" } }, { error: { type: "ValidationException", message: "bad" } });
    expect(await chat({})).toMatchObject({ ok: false, kind: "rate_limit", status: 429, code: "ThrottlingException" });
    expect(await chat({})).toMatchObject({ ok: false, kind: "server", status: 503, code: "overloaded" });
    expect(await chat({})).toMatchObject({ ok: false, kind: "client", status: 400, message: "bad" });
    expect(await chat({}, false, { secret: secret({ secretAccessKey: "wrong" }) })).toMatchObject({ ok: false, kind: "auth", code: "InvalidSignatureException" });
    expect(await chat({}, false, { secret: secret({ accessKeyId: "AKIAUNKNOWN000000000" }) })).toMatchObject({ ok: false, kind: "auth", code: "UnrecognizedClientException" });
    expect(await chat({}, false, { secret: '{"accessKeyId":"x"}' })).toMatchObject({ ok: false, kind: "auth", status: 401 });
    expect(await chat({}, false, { secret: secret({ region: "evil.example.com/x" }) })).toMatchObject({ ok: false, kind: "auth" });

    mock.enqueue({ streamException: { type: "throttlingException", afterEvents: 0 } }, { streamException: { type: "modelStreamErrorException", afterEvents: 3 } });
    expect(await chat({}, true)).toMatchObject({ ok: false, kind: "rate_limit", status: 429 });
    await expect(chunks(await chat({}, true))).rejects.toBeInstanceOf(StreamInterruptedError);
  });

  it("validates keys with a signed ListFoundationModels call", async () => {
    const check = (over: Partial<UpstreamTarget>) => adapter().validateKey(target(over), new AbortController().signal);
    expect(await check({})).toEqual({ ok: true });
    expect(mock.requests.at(-1)!.path).toBe("/foundation-models?byOutputModality=TEXT");
    expect(await check({ secret: secret({ secretAccessKey: "wrong" }) })).toMatchObject({ ok: false, kind: "auth", status: 403 });
  });

  it("accepts a key AWS authenticates but whose policy denies ListFoundationModels", async () => {
    const denying = await startBedrockMock({ deniedKeys: [MOCK_AWS_CREDENTIALS.accessKeyId] });
    expect(await adapter().validateKey(target({ baseUrl: denying.url }), new AbortController().signal)).toEqual({ ok: true });
    await denying.close();
  });
});
