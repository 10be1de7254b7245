import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startResponsesMock } from "./server.ts";
import type { ResponsesMock } from "./types.ts";

let mock: ResponsesMock;
beforeAll(async () => {
  mock = await startResponsesMock({ validKeys: ["sk-good"] });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const post = (path: string, body: unknown, headers: Record<string, string> = { authorization: "Bearer sk-good" }) =>
  fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const input = [{ type: "message", role: "user", content: [{ type: "input_text", text: "Hi" }] }];
const weather = { type: "function", name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: false };

interface Frame {
  event: string;
  data: Record<string, unknown>;
}
async function frames(res: Response): Promise<Frame[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const [event, data] = block.split("\n");
      return { event: event!.replace("event: ", ""), data: JSON.parse(data!.replace("data: ", "")) as Record<string, unknown> };
    });
}

describe("Responses API mock", () => {
  it("answers with a response object: reasoning summary, message and usage", async () => {
    const res = await post("/v1/responses", { model: "o4-mini", input, reasoning: { effort: "low", summary: "auto" }, store: false });
    const body = (await res.json()) as { object: string; status: string; output: Array<{ type: string }>; usage: { input_tokens: number; output_tokens_details: { reasoning_tokens: number } } };
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ object: "response", status: "completed" });
    expect(body.output.map((o) => o.type)).toEqual(["reasoning", "message"]);
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("streams the documented event sequence with sequence numbers and no [DONE]", async () => {
    mock.enqueue({ content: "Sunny, I think.", toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }], reasoning: ["Plan.", "Check."] });
    const res = await post("/v1/responses", { model: "o4-mini", input, tools: [weather], stream: true, reasoning: { summary: "auto" } });
    const all = await frames(res);
    for (const [n, f] of all.entries()) expect(f.data).toMatchObject({ type: f.event, sequence_number: n });
    const types = [...new Set(all.map((f) => f.event))];
    expect(types).toEqual([
      "response.created", "response.in_progress", "response.output_item.added", "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done", "response.reasoning_summary_part.done", "response.output_item.done", "response.content_part.added",
      "response.output_text.delta", "response.output_text.done", "response.content_part.done", "response.function_call_arguments.delta",
      "response.function_call_arguments.done", "response.completed",
    ]);
    const args = all.filter((f) => f.event === "response.function_call_arguments.delta").map((f) => f.data.delta).join("");
    expect(JSON.parse(args)).toEqual({ city: "Paris" });
    expect(all.at(-1)!.data.response).toMatchObject({ status: "completed", usage: { output_tokens: expect.any(Number) } });
  });

  it("validates requests as the API does", async () => {
    const cases: Array<[unknown, string | null, RegExp]> = [
      [{ model: "gpt-4o", messages: [] }, "messages", /Unknown parameter: 'messages'/],
      [{ input }, "model", /Missing required parameter: 'model'/],
      [{ model: "gpt-4o", input, tools: [{ type: "function", function: { name: "x" } }] }, "tools[0].function", /Unknown parameter/],
      [{ model: "gpt-4o", input, tools: [{ ...weather, strict: undefined }] }, "tools[0].parameters", /additionalProperties/],
      [{ model: "gpt-4o", input: [{ type: "function_call_output", call_id: "call_1", output: "x" }] }, "input", /No tool call found/],
      [{ model: "gpt-4o", input, max_output_tokens: 10 }, "max_output_tokens", /Expected a value >= 16, but got 10/],
      [{ model: "gpt-4o", input, text: { format: { type: "json_schema", schema: {} } } }, "text.format.name", /Missing required parameter/],
      [{ model: "gpt-4o", input: [{ role: "user", content: [{ type: "input_image", image_url: "not a url" }] }] }, "input[0].content[0].image_url", /valid URL/],
      [{ model: "gpt-9", input }, "model", /does not exist/],
    ];
    for (const [body, param, message] of cases) {
      const res = await post("/v1/responses", body);
      const error = ((await res.json()) as { error: { message: string; param: string | null; type: string } }).error;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(error).toMatchObject({ param, type: "invalid_request_error" });
      expect(error.message).toMatch(message);
    }
  });

  it("speaks Azure's addressing: api-key, v1 or dated api-version, deployments", async () => {
    const azure = { "api-key": "sk-good" };
    expect((await post("/openai/v1/responses", { model: "gpt-4o", input }, azure)).status).toBe(200);
    expect((await post("/openai/responses?api-version=2025-04-01-preview", { model: "gpt-4o", input }, azure)).status).toBe(200);
    expect((await post("/openai/responses?api-version=2024-10-21", { model: "gpt-4o", input }, azure)).status).toBe(404);
    expect((await post("/openai/v1/responses", { model: "gpt-4o", input })).status).toBe(401);
    const missing = await post("/openai/v1/responses", { model: "my-deployment", input }, azure);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "DeploymentNotFound" } });
    const models = await fetch(`${mock.url}/openai/models?api-version=2024-10-21`, { headers: azure });
    expect(((await models.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });

  it("fails as scripted: response.failed, a mid-stream error event, HTTP errors", async () => {
    mock.enqueue({ failed: { code: "server_error", message: "boom" } }, { errorAfterDeltas: 1, content: "one two three" }, { error: { status: 429 } });
    const failed = await frames(await post("/v1/responses", { model: "gpt-4o", input, stream: true }));
    expect(failed.map((f) => f.event)).toEqual(["response.created", "response.in_progress", "response.failed"]);
    const broken = await frames(await post("/v1/responses", { model: "gpt-4o", input, stream: true }));
    expect(broken.filter((f) => f.event === "response.output_text.delta")).toHaveLength(1);
    expect(broken.at(-1)).toMatchObject({ event: "error", data: { code: "server_error" } });
    const limited = await post("/v1/responses", { model: "gpt-4o", input });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
  });
});
