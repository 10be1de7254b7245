// OpenAI → Converse translation details that need no upstream: role merging, tool choices,
// thinking plans, unsupported parameters, credentials and endpoints.
import { describe, expect, it } from "vitest";
import { parseAwsCredentials } from "./credentials.ts";
import { controlRoot, modelPath, runtimeRoot } from "./endpoint.ts";
import { InvalidParam } from "./invalid.ts";
import { converseRequest } from "./request.ts";
import { adaptive } from "./thinking.ts";

const CLAUDE = "anthropic.claude-3-7-sonnet-20250219-v1:0";
const user = (content: unknown) => ({ role: "user", content });
const param = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidParam) return error.param;
    throw error;
  }
  return undefined;
};

describe("Converse request", () => {
  it("merges consecutive roles, developer into system, and keeps reasoning signatures", () => {
    const { payload } = converseRequest(
      {
        messages: [
          { role: "developer", content: [{ type: "text", text: "Rules." }] },
          user("a"),
          user([{ type: "text", text: "b" }, { type: "text", text: "" }]),
          { role: "assistant", content: "c", reasoning_details: [{ type: "reasoning.text", text: "hm", signature: "sig" }, { type: "reasoning.encrypted", data: "ZW5j" }] },
          { role: "assistant", content: [{ type: "text", text: "d" }] },
          user("e"),
        ],
      },
      CLAUDE,
    );
    expect(payload).toEqual({
      system: [{ text: "Rules." }],
      messages: [
        { role: "user", content: [{ text: "a" }, { text: "b" }] },
        { role: "assistant", content: [{ reasoningContent: { reasoningText: { text: "hm", signature: "sig" } } }, { reasoningContent: { redactedContent: "ZW5j" } }, { text: "c" }, { text: "d" }] },
        { role: "user", content: [{ text: "e" }] },
      ],
    });
  });

  it("maps tool_choice; none drops the tools unless the conversation already used them", () => {
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object" }, strict: true } }];
    const config = (tool_choice: unknown, messages: unknown[] = [user("x")]) => converseRequest({ messages, tools, tool_choice }, CLAUDE).payload.toolConfig;
    expect(config("auto")).toEqual({ tools: [{ toolSpec: { name: "f", inputSchema: { json: { type: "object" } }, strict: true } }], toolChoice: { auto: {} } });
    expect(config({ type: "function", function: { name: "f" } })).toMatchObject({ toolChoice: { tool: { name: "f" } } });
    expect(config("none")).toBeUndefined();
    const used = [user("x"), { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "f", arguments: "{}" } }] }, { role: "tool", tool_call_id: "t1", content: "r" }];
    expect(param(() => config("none", used))).toBe("tool_choice");
    expect(param(() => converseRequest({ messages: [user("x")], tools, response_format: { type: "json_object" } }, CLAUDE))).toBe("response_format");
    expect(param(() => converseRequest({ messages: used.slice(0, 2).map((m, i) => (i === 1 ? { ...m, tool_calls: [{ id: "t", type: "function", function: { name: "f", arguments: "[1]" } }] } : m)) }, CLAUDE))).toBe(
      "messages[1].tool_calls[0].function.arguments",
    );
  });

  it("plans Claude's thinking: budgets below max_tokens, adaptive from 4.6 on", () => {
    const fields = (model: string, extra: Record<string, unknown>) => converseRequest({ messages: [user("x")], ...extra }, model).payload;
    expect(fields(CLAUDE, { reasoning_effort: "minimal", max_completion_tokens: 5000 })).toMatchObject({ additionalModelRequestFields: { thinking: { budget_tokens: 1024 } }, inferenceConfig: { maxTokens: 5000 } });
    expect(param(() => fields(CLAUDE, { reasoning_effort: "high", max_tokens: 1024 }))).toBe("reasoning_effort");
    expect(fields("us.anthropic.claude-opus-4-7", { reasoning_effort: "minimal" })).toEqual({ messages: expect.any(Array), additionalModelRequestFields: { thinking: { type: "adaptive" }, output_config: { effort: "low" } } });
    expect([adaptive("global.anthropic.claude-sonnet-4-6"), adaptive("anthropic.claude-sonnet-4-5-20250929-v1:0"), adaptive("anthropic.claude-3-7-sonnet-20250219-v1:0"), adaptive("anthropic.claude-opus-5")]).toEqual([true, false, false, true]);
  });

  it("refuses what Converse cannot do and drops what is safe to drop", () => {
    const base = { messages: [user("x")] };
    expect(param(() => converseRequest({ ...base, logprobs: true }, CLAUDE))).toBe("logprobs");
    expect(param(() => converseRequest({ ...base, top_logprobs: 2 }, CLAUDE))).toBe("top_logprobs");
    expect(param(() => converseRequest({ ...base, frequency_penalty: 1 }, CLAUDE))).toBe("frequency_penalty");
    expect(param(() => converseRequest({ messages: [{ role: "function", name: "f", content: "x" }] }, CLAUDE))).toBe("messages[0].role");
    expect(param(() => converseRequest({ messages: [user([{ type: "input_audio", input_audio: {} }])] }, CLAUDE))).toBe("messages[0].content[0].type");
    expect(converseRequest({ ...base, seed: 1, user: "u", n: 1, frequency_penalty: 0, parallel_tool_calls: false, stop: ["a", "b"] }, CLAUDE).payload).toEqual({ ...{ messages: [{ role: "user", content: [{ text: "x" }] }] }, inferenceConfig: { stopSequences: ["a", "b"] } });
  });
});

describe("credentials and endpoints", () => {
  it("parses JSON credentials and refuses a region that is not a region name", () => {
    expect(parseAwsCredentials(JSON.stringify({ accessKeyId: "AKIA1", secretAccessKey: "s", region: "us-gov-west-1", sessionToken: "t" }))).toEqual({ accessKeyId: "AKIA1", secretAccessKey: "s", region: "us-gov-west-1", sessionToken: "t" });
    for (const bad of ["AKIA1", "[]", '{"accessKeyId":"a","secretAccessKey":"s"}', '{"accessKeyId":"a","secretAccessKey":"s","region":"x.evil.com#"}']) {
      const out = parseAwsCredentials(bad);
      expect(out).toMatchObject({ ok: false, kind: "auth", status: 401 });
      expect(JSON.stringify(out)).not.toContain('"s"');
    }
  });

  it("fills the region, derives the control-plane host and encodes model ids as one segment", () => {
    const root = runtimeRoot("https://bedrock-runtime.{region}.amazonaws.com", "eu-west-3");
    expect(root).toBe("https://bedrock-runtime.eu-west-3.amazonaws.com");
    expect(controlRoot(root)).toBe("https://bedrock.eu-west-3.amazonaws.com");
    expect(controlRoot("http://127.0.0.1:9000")).toBe("http://127.0.0.1:9000");
    expect(modelPath("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-x-v1:0", true)).toBe(
      "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-x-v1%3A0/converse-stream",
    );
  });
});
