import { describe, expect, it } from "vitest";
import { responsesBody } from "./request.ts";

const build = (body: Record<string, unknown>, stream = false) => {
  const out = responsesBody(body, "gpt-4.1", stream);
  if (!out.ok) throw new Error(`refused: ${out.param}`);
  return JSON.parse(out.body) as Record<string, unknown>;
};
const refused = (body: Record<string, unknown>) => {
  const out = responsesBody({ messages: [{ role: "user", content: "x" }], ...body }, "gpt-4.1", false);
  return out.ok ? undefined : out;
};

describe("chat → Responses request", () => {
  it("maps a conversation with images, tool calls and tool results to input items", () => {
    const body = build({
      model: "openai-responses/gpt-4.1",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "developer", content: [{ type: "text", text: "Use metric units." }] },
        { role: "user", content: [{ type: "text", text: "Weather here?" }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA", detail: "low" } }] },
        { role: "assistant", content: "Checking.", tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: [{ type: "text", text: "4°C" }] },
      ],
    });
    expect(body).toMatchObject({ model: "gpt-4.1", store: false });
    expect(body).not.toHaveProperty("messages");
    expect(body.input).toEqual([
      { type: "message", role: "system", content: "Be brief." },
      { type: "message", role: "developer", content: [{ type: "input_text", text: "Use metric units." }] },
      { type: "message", role: "user", content: [{ type: "input_text", text: "Weather here?" }, { type: "input_image", image_url: "data:image/png;base64,AAAA", detail: "low" }] },
      { type: "message", role: "assistant", content: "Checking." },
      { type: "function_call", call_id: "call_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
      { type: "function_call_output", call_id: "call_1", output: "4°C" },
    ]);
  });

  it("flattens tools (non-strict unless asked), maps tool_choice, response_format, reasoning and limits", () => {
    const body = build(
      {
        messages: [{ role: "user", content: "x" }],
        tools: [
          { type: "function", function: { name: "a", description: "A", parameters: { type: "object", properties: {} } } },
          { type: "function", function: { name: "b", strict: true, parameters: { type: "object", properties: {}, additionalProperties: false } } },
          { type: "function", function: { name: "c" } },
        ],
        tool_choice: { type: "function", function: { name: "a" } },
        parallel_tool_calls: false,
        response_format: { type: "json_schema", json_schema: { name: "p", strict: true, schema: { type: "object" } } },
        reasoning_effort: "high",
        max_completion_tokens: 300,
        temperature: 0.2,
        seed: 7,
        presence_penalty: 0.5,
        stream_options: { include_usage: true },
        user: "u-1",
      },
      true,
    );
    expect(body.tools).toEqual([
      { type: "function", name: "a", description: "A", parameters: { type: "object", properties: {} }, strict: false },
      { type: "function", name: "b", parameters: { type: "object", properties: {}, additionalProperties: false }, strict: true },
      { type: "function", name: "c", parameters: { type: "object", properties: {} }, strict: false },
    ]);
    expect(body).toMatchObject({
      tool_choice: { type: "function", name: "a" },
      parallel_tool_calls: false,
      text: { format: { type: "json_schema", name: "p", strict: true, schema: { type: "object" } } },
      reasoning: { effort: "high", summary: "auto" },
      max_output_tokens: 300,
      temperature: 0.2,
      user: "u-1",
      stream: true,
    });
    for (const dropped of ["seed", "presence_penalty", "stream_options", "max_completion_tokens", "reasoning_effort", "response_format"]) expect(body).not.toHaveProperty(dropped);
    expect(build({ messages: [], response_format: { type: "json_object" }, tool_choice: "required" })).toMatchObject({ text: { format: { type: "json_object" } }, tool_choice: "required" });
  });

  it("refuses, naming the parameter, what the Responses API cannot honour", () => {
    expect(refused({ n: 2 })).toMatchObject({ kind: "client", status: 400, param: "n", code: "unsupported_parameter" });
    expect(refused({ stop: ["\n"] })?.param).toBe("stop");
    expect(refused({ logit_bias: { "1": 5 } })?.param).toBe("logit_bias");
    expect(refused({ logprobs: true })?.param).toBe("logprobs");
    expect(refused({ max_tokens: 8 })).toMatchObject({ param: "max_tokens", message: expect.stringContaining("16") });
    expect(refused({ tools: [{ type: "custom", custom: { name: "x" } }] })?.param).toBe("tools[0].type");
    expect(refused({ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: { data: "", format: "wav" } }] }] })?.param).toBe("messages[0].content[0].type");
    expect(refused({ messages: [{ role: "function", name: "f", content: "x" }] })?.param).toBe("messages[0].role");
    expect(refused({ n: 1, stop: null, logprobs: false, logit_bias: {} })).toBeUndefined();
  });
});
