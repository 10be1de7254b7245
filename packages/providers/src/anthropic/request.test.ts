// OpenAI request → Anthropic Messages request: the translation rules one by one.
import { describe, expect, it } from "vitest";
import { Unsupported } from "./json.ts";
import { anthropicRequest } from "./request.ts";
import { adaptive, planThinking } from "./thinking.ts";

const user = (content: unknown) => ({ role: "user", content });
const translate = (body: Record<string, unknown>, model = "claude-sonnet-4-6") => anthropicRequest(model, { model: "m", ...body }, false);

function refusal(body: Record<string, unknown>): string {
  try {
    translate(body);
  } catch (error) {
    if (error instanceof Unsupported) return error.param;
    throw error;
  }
  throw new Error("not refused");
}

describe("anthropicRequest", () => {
  it("merges consecutive turns and puts tool results first in their user turn", () => {
    const out = translate({
      messages: [
        user("Weather?"),
        { role: "assistant", content: "Let me check.", tool_calls: [{ id: "t1", type: "function", function: { name: "w", arguments: '{"c":"A"}' } }, { id: "t2", type: "function", function: { name: "w", arguments: "" } }] },
        { role: "tool", tool_call_id: "t1", content: "sunny" },
        user("and also"),
        { role: "tool", tool_call_id: "t2", content: [{ type: "text", text: "rain" }] },
      ],
    });
    expect(out.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Weather?" }] },
      {
        role: "assistant",
        content: [{ type: "text", text: "Let me check." }, { type: "tool_use", id: "t1", name: "w", input: { c: "A" } }, { type: "tool_use", id: "t2", name: "w", input: {} }],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "sunny" }] },
          { type: "tool_result", tool_use_id: "t2", content: [{ type: "text", text: "rain" }] },
          { type: "text", text: "and also" },
        ],
      },
    ]);
  });

  it("sends PDFs and cache_control breakpoints, drops empty text, and keeps top_k", () => {
    const out = translate({
      messages: [user([{ type: "text", text: "" }, { type: "text", text: "Read", cache_control: { type: "ephemeral" } }, { type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0=" } }])],
      top_k: 5,
    });
    expect(out.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Read", cache_control: { type: "ephemeral" } }, { type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } }] },
    ]);
    expect(out.top_k).toBe(5);
  });

  it("drops parameters that cannot change the answer and accepts neutral values", () => {
    const out = translate({ messages: [user("x")], seed: 1, store: true, metadata: { a: "b" }, n: 1, frequency_penalty: 0, logprobs: false, stream_options: { include_usage: true } });
    expect(Object.keys(out).sort()).toEqual(["max_tokens", "messages", "model"]);
  });

  it("refuses what Anthropic cannot honour, naming the parameter", () => {
    expect(refusal({ messages: [user("x")], presence_penalty: 0.2 })).toBe("presence_penalty");
    expect(refusal({ messages: [user("x")], logit_bias: { "1": 1 } })).toBe("logit_bias");
    expect(refusal({ messages: [user("x")], audio: { voice: "alloy" } })).toBe("audio");
    expect(refusal({ messages: [user([{ type: "input_audio", input_audio: {} }])] })).toBe("messages[0].content[0]");
    expect(refusal({ messages: [{ role: "assistant", tool_calls: [{ id: "t", type: "function", function: { name: "f", arguments: "{oops" } }] }] })).toBe("messages[0].tool_calls[0].function.arguments");
    expect(refusal({ messages: [{ role: "system", content: "only a system prompt" }] })).toBe("messages");
    expect(refusal({ messages: [user("x")], tools: [{ type: "custom", custom: { name: "x" } }] })).toBe("tools[0]");
    expect(refusal({ messages: [user("x")], reasoning_effort: "low", temperature: 0.2 })).toBe("temperature");
    expect(refusal({ messages: [user("x")], reasoning_effort: "low", tools: [{ type: "function", function: { name: "f" } }], tool_choice: "required" })).toBe("tool_choice");
  });

  it("drops tool_choice without tools and keeps strict tools", () => {
    expect(translate({ messages: [user("x")], tool_choice: "none" }).tool_choice).toBeUndefined();
    const out = translate({ messages: [user("x")], tools: [{ type: "function", function: { name: "f", strict: true } }], tool_choice: "none", parallel_tool_calls: false });
    expect(out.tools).toEqual([{ name: "f", input_schema: { type: "object", properties: {} }, strict: true }]);
    expect(out.tool_choice).toEqual({ type: "none" });
  });
});

describe("thinking", () => {
  it("knows which models take adaptive thinking from the id's version", () => {
    for (const id of ["claude-sonnet-4-6", "claude-opus-4-7", "claude-sonnet-5", "claude-opus-5-5", "anthropic.claude-opus-4-6-v1"]) expect(adaptive(id), id).toBe(true);
    for (const id of ["claude-haiku-4-5", "claude-sonnet-4-5-20250929", "claude-3-7-sonnet-20250219", "claude-opus-4-1", "my-deployment"]) expect(adaptive(id), id).toBe(false);
  });

  it("sizes budgets below max_tokens and defaults max_tokens around them", () => {
    expect(planThinking("claude-haiku-4-5", undefined, undefined, "max_tokens")).toEqual({ maxTokens: 4096 });
    expect(planThinking("claude-haiku-4-5", "high", undefined, "max_tokens")).toEqual({ maxTokens: 16_384 + 4096, thinking: { type: "enabled", budget_tokens: 16_384 } });
    expect(planThinking("claude-haiku-4-5", "high", 5000, "max_completion_tokens")).toEqual({ maxTokens: 5000, thinking: { type: "enabled", budget_tokens: 4999 } });
    expect(planThinking("claude-sonnet-5", "minimal", 800, "max_tokens")).toEqual({ maxTokens: 800, thinking: { type: "adaptive", display: "summarized" }, effort: "low" });
    expect(() => planThinking("claude-haiku-4-5", "minimal", 1024, "max_tokens")).toThrow(Unsupported);
    expect(planThinking("claude-sonnet-4-6", "none", undefined, "max_tokens")).toEqual({ maxTokens: 4096 });
    expect(() => planThinking("claude-sonnet-4-6", "extreme", undefined, "max_tokens")).toThrow(Unsupported);
  });
});
