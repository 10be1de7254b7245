import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";
import { chat, KEY, post } from "./test-helpers.ts";

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

describe("non-streaming chat completions", () => {
  it("answers with OpenAI's chat.completion shape", async () => {
    const res = await post(`${mock.url}/v1/chat/completions`, { model: "gpt-4o-mini", messages: [{ role: "system", content: "Be nice" }, { role: "user", content: "Hello!" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["id", "object", "created", "model", "choices", "usage", "service_tier", "system_fingerprint"]);
    expect(body.id).toMatch(/^chatcmpl-[a-z0-9]{29}$/);
    expect(body.object).toBe("chat.completion");
    expect(Math.abs((body.created as number) - Date.now() / 1000)).toBeLessThan(5);
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: "Hello from mock upstream (model gpt-4o-mini).", refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ]);
    // "Be nice" + "Hello!" = 13 chars → ceil(13/4) + 3×2 = 10; the reply has 6 pieces.
    expect(body.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 6,
      total_tokens: 16,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    });
    expect(body.service_tier).toBe("default");
    expect(body.system_fingerprint).toBe("fp_mock");
  });

  it("accepts any prefix before /chat/completions and records the request", async () => {
    for (const prefix of ["/openai/v1", "/api/v1", ""]) {
      expect((await post(`${mock.url}${prefix}/chat/completions`, chat())).status).toBe(200);
    }
    expect(mock.requests.map((r) => r.path)).toEqual(["/openai/v1/chat/completions", "/api/v1/chat/completions", "/chat/completions"]);
    const first = mock.requests[0];
    expect(first?.method).toBe("POST");
    expect(first?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first?.body).toEqual(chat());
    expect(first?.rawBody).toBe(JSON.stringify(chat()));
    expect(first?.finished).toBe(true);
    expect(first?.aborted).toBe(false);
    expect(mock.openRequests()).toBe(0);
    expect(new Set(mock.requests.map((r) => r.id)).size).toBe(3);
  });

  it("honours n, content, usage overrides and omitUsage", async () => {
    mock.enqueue({ content: "Custom reply here", usage: { prompt_tokens: 100, cached_tokens: 40, reasoning_tokens: 7 } }, { omitUsage: true });
    const body = (await (await post(`${mock.url}/v1/chat/completions`, chat("m", "x", { n: 3 }))).json()) as {
      choices: { index: number; message: { content: string } }[];
      usage: Record<string, unknown>;
    };
    expect(body.choices.map((c) => [c.index, c.message.content])).toEqual([[0, "Custom reply here"], [1, "Custom reply here"], [2, "Custom reply here"]]);
    expect(body.usage).toMatchObject({ prompt_tokens: 100, completion_tokens: 3 * 3 + 7, total_tokens: 116, prompt_tokens_details: { cached_tokens: 40 }, completion_tokens_details: { reasoning_tokens: 7 } });
    const bare = (await (await post(`${mock.url}/v1/chat/completions`, chat())).json()) as Record<string, unknown>;
    expect("usage" in bare).toBe(false);
  });

  it("cuts the reply at max_tokens with finish_reason length", async () => {
    const body = (await (await post(`${mock.url}/v1/chat/completions`, chat("gpt-4o", "x", { max_tokens: 2 }))).json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { completion_tokens: number };
    };
    expect(body.choices[0]?.message.content).toBe("Hello from");
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.usage.completion_tokens).toBe(2);
  });

  it("returns tool calls with finish_reason tool_calls", async () => {
    mock.enqueue({ toolCalls: [{ name: "lookup", arguments: { q: "weather", n: 2 } }] });
    const body = (await (await post(`${mock.url}/v1/chat/completions`, chat())).json()) as {
      choices: { message: Record<string, unknown>; finish_reason: string }[];
    };
    const choice = body.choices[0];
    expect(choice?.finish_reason).toBe("tool_calls");
    expect(choice?.message.content).toBeNull();
    const calls = choice?.message.tool_calls as { id: string; type: string; function: { name: string; arguments: string } }[];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.id).toMatch(/^call_[a-z0-9]{24}$/);
    expect(calls[0]?.type).toBe("function");
    expect(calls[0]?.function).toEqual({ name: "lookup", arguments: '{"q":"weather","n":2}' });
  });

  it("replies with JSON satisfying a json_schema response_format", async () => {
    const schema = {
      type: "object",
      properties: {
        name: { type: "string" },
        age: { type: "integer", minimum: 18 },
        tags: { type: "array", items: { type: "string" }, minItems: 1 },
        kind: { type: "string", enum: ["cat", "dog"] },
        address: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        optional: { type: "boolean" },
      },
      required: ["name", "age", "tags", "kind", "address"],
      additionalProperties: false,
    };
    const res = await post(`${mock.url}/v1/chat/completions`, chat("gpt-4o", "x", { response_format: { type: "json_schema", json_schema: { name: "person", strict: true, schema } } }));
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    const parsed = JSON.parse(body.choices[0]?.message.content ?? "") as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(["address", "age", "kind", "name", "tags"]);
    expect(parsed).toEqual({ name: "mock", age: 18, tags: ["mock"], kind: "cat", address: { city: "mock" } });
  });

  it("replies with a JSON object for json_object", async () => {
    const res = await post(`${mock.url}/v1/chat/completions`, chat("gpt-4o", "x", { response_format: { type: "json_object" } }));
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(JSON.parse(body.choices[0]?.message.content ?? "")).toEqual({ message: "Hello from mock upstream (model gpt-4o)." });
  });

  it("rejects invalid JSON and missing parameters like OpenAI", async () => {
    const invalid = await post(`${mock.url}/v1/chat/completions`, undefined, { raw: "{nope" });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: Record<string, unknown> }).error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(mock.requests[0]?.body).toBeUndefined();

    const empty = await post(`${mock.url}/v1/chat/completions`, undefined, { raw: "" });
    expect(empty.status).toBe(400);

    const noMessages = await post(`${mock.url}/v1/chat/completions`, { model: "gpt-4o" });
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toEqual({
      error: { message: "Missing required parameter: 'messages'.", type: "invalid_request_error", param: "messages", code: "missing_required_parameter" },
    });

    const noModel = await post(`${mock.url}/v1/chat/completions`, { messages: [{ role: "user", content: "x" }] });
    expect(noModel.status).toBe(400);
    expect(((await noModel.json()) as { error: Record<string, unknown> }).error).toMatchObject({ param: "model", type: "invalid_request_error" });
  });

  it("lists models and 404s unknown URLs", async () => {
    const res = await fetch(`${mock.url}/v1/models`, { headers: { authorization: `Bearer ${KEY}` } });
    const list = (await res.json()) as { object: string; data: Record<string, unknown>[] };
    expect(list.object).toBe("list");
    expect(list.data.length).toBeGreaterThan(1);
    for (const model of list.data) {
      expect(Object.keys(model)).toEqual(["id", "object", "created", "owned_by"]);
      expect(model.object).toBe("model");
    }
    expect(list.data.map((m) => m.id)).toContain("gpt-4o-mini");
    const one = await fetch(`${mock.url}/openai/v1/models/gpt-4o`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(((await one.json()) as { id: string }).id).toBe("gpt-4o");

    const missing = await fetch(`${mock.url}/v1/fine_tuning/jobs`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: "{}" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: "Invalid URL (POST /v1/fine_tuning/jobs)", type: "invalid_request_error", param: null, code: null } });
  });
});
