// The Anthropic mock speaks the Messages API's wire format and refuses requests the API would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type AnthropicMock, startAnthropicMock } from "./server.ts";

let mock: AnthropicMock;
beforeAll(async () => {
  mock = await startAnthropicMock({ keyErrors: { "sk-ant-limited": 429 } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const HEADERS = { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01", "content-type": "application/json" };
const BASE = { model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "Hi" }] };

function post(body: unknown, headers: Record<string, string> = HEADERS): Promise<Response> {
  return fetch(`${mock.url}/v1/messages`, { method: "POST", headers, body: JSON.stringify(body) });
}

async function events(res: Response): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      const [eventLine, dataLine] = frame.split("\n");
      return { event: eventLine!.replace(/^event: /, ""), data: JSON.parse(dataLine!.replace(/^data: /, "")) as Record<string, unknown> };
    });
}

describe("Anthropic mock", () => {
  it("answers a Message with usage and the request id header", async () => {
    const res = await post(BASE);
    expect(res.status).toBe(200);
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ type: "message", role: "assistant", model: "claude-sonnet-4-6", stop_reason: "end_turn", content: [{ type: "text", text: expect.stringContaining("Anthropic mock") }] });
    expect(body.usage).toMatchObject({ input_tokens: expect.any(Number), output_tokens: expect.any(Number), cache_read_input_tokens: 0 });
  });

  it.each([
    ["no anthropic-version", { ...BASE }, { "x-api-key": "k", "content-type": "application/json" }, 400, "anthropic-version: header is required"],
    ["no max_tokens", { model: "m", messages: BASE.messages }, HEADERS, 400, "max_tokens: Field required"],
    ["an unknown field", { ...BASE, frequency_penalty: 1 }, HEADERS, 400, "frequency_penalty: Extra inputs are not permitted"],
    ["a system role", { ...BASE, messages: [{ role: "system", content: "x" }, ...BASE.messages] }, HEADERS, 400, "messages.0.role"],
    ["consecutive user turns", { ...BASE, messages: [...BASE.messages, ...BASE.messages] }, HEADERS, 400, "roles must alternate"],
    ["an empty text block", { ...BASE, messages: [{ role: "user", content: [{ type: "text", text: "" }] }] }, HEADERS, 400, "non-empty"],
    ["a budget at max_tokens", { ...BASE, thinking: { type: "enabled", budget_tokens: 1024 }, max_tokens: 1024 }, HEADERS, 400, "greater than `thinking.budget_tokens`"],
    [
      "a tool_use without its tool_result",
      { ...BASE, messages: [BASE.messages[0], { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "f", input: {} }] }, { role: "user", content: "and?" }] },
      HEADERS,
      400,
      "without `tool_result` blocks immediately after: toolu_1",
    ],
  ])("refuses %s", async (_name, body, headers, status, message) => {
    const res = await post(body, headers);
    expect(res.status).toBe(status);
    const error = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(error.type).toBe("error");
    expect(error.error.type).toBe("invalid_request_error");
    expect(error.error.message).toContain(message);
  });

  it("refuses a missing key and answers scripted errors with Anthropic's bodies and headers", async () => {
    const missing = await post(BASE, { "anthropic-version": "2023-06-01", "content-type": "application/json" });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { type: string } }).error.type).toBe("authentication_error");
    const limited = await post(BASE, { ...HEADERS, "x-api-key": "sk-ant-limited" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    mock.enqueue({ error: { status: 529 } });
    const overloaded = await post(BASE);
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("streams the real event sequence: thinking with signature, text, tool input", async () => {
    const tools = [{ name: "get_weather", input_schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }];
    mock.enqueue({ text: "Checking the weather.", toolUses: [{ name: "get_weather", input: { city: "Oslo" } }], thinking: "Weather needs a tool." });
    const res = await post({ ...BASE, max_tokens: 4000, stream: true, tools, thinking: { type: "enabled", budget_tokens: 2000 } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const list = await events(res);
    expect(list.every(({ event, data }) => data.type === event)).toBe(true);
    const names = list.map((e) => e.event);
    expect(names[0]).toBe("message_start");
    expect(names.slice(1, 3)).toEqual(["content_block_start", "ping"]);
    expect(names.slice(-2)).toEqual(["message_delta", "message_stop"]);
    const deltas = list.filter((e) => e.event === "content_block_delta").map((e) => e.data.delta as Record<string, string>);
    expect(deltas.filter((d) => d.type === "thinking_delta").map((d) => d.thinking).join("")).toBe("Weather needs a tool.");
    expect(deltas.some((d) => d.type === "signature_delta" && d.signature)).toBe(true);
    expect(deltas.filter((d) => d.type === "text_delta").map((d) => d.text).join("")).toBe("Checking the weather.");
    expect(JSON.parse(deltas.filter((d) => d.type === "input_json_delta").map((d) => d.partial_json).join(""))).toEqual({ city: "Oslo" });
    expect(list.at(-2)!.data).toMatchObject({ delta: { stop_reason: "tool_use" }, usage: { output_tokens: expect.any(Number) } });
  });

  it("sends an error event inside a 200 stream when scripted", async () => {
    mock.enqueue({ streamError: { type: "overloaded_error", message: "Overloaded", afterEvents: 3 } });
    const list = await events(await post({ ...BASE, stream: true }));
    expect(list.map((e) => e.event)).toEqual(["message_start", "content_block_start", "ping", "error"]);
    expect(list.at(-1)!.data).toEqual({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
  });

  it("answers JSON valid for output_config.format and lists models", async () => {
    const schema = { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false };
    const res = await post({ ...BASE, output_config: { format: { type: "json_schema", schema } } });
    const text = ((await res.json()) as { content: Array<{ text: string }> }).content[0]!.text;
    expect(Object.keys(JSON.parse(text) as object)).toEqual(["name"]);
    const models = await fetch(`${mock.url}/v1/models`, { headers: HEADERS });
    expect(await models.json()).toMatchObject({ data: [{ type: "model", id: "claude-sonnet-4-6" }, expect.anything(), expect.anything()], has_more: false });
  });
});
