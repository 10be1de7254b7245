import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { estimateCompletionTokens, estimatePromptTokens, TOKENS_PER_IMAGE } from "./estimate.ts";

const plain = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });

describe("estimatePromptTokens", () => {
  it("adds OpenAI's chat overhead to the text: 3 per message, 3 to prime the reply", () => {
    const messages = [
      { role: "system", content: "You are terse." },
      { role: "user", content: "What is the capital of France?" },
    ];
    const text = plain("system") + plain("You are terse.") + plain("user") + plain("What is the capital of France?");
    expect(estimatePromptTokens(messages)).toBe(text + 2 * 3 + 3);
  });

  it("is never below the tokenizer's count of the text", () => {
    const content = "Summarise: " + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(200);
    expect(estimatePromptTokens([{ role: "user", content }])).toBeGreaterThanOrEqual(plain(content));
  });

  it("counts a name one token above its text", () => {
    const without = estimatePromptTokens([{ role: "user", content: "hi" }]);
    expect(estimatePromptTokens([{ role: "user", name: "alice", content: "hi" }])).toBe(without + plain("alice") + 1);
  });

  it("counts the text parts of multi-part content", () => {
    const parts = [
      { type: "text", text: "Describe these two pictures" },
      { type: "text", text: " in one sentence each." },
    ];
    const asString = estimatePromptTokens([{ role: "user", content: "x" }]) - plain("x");
    expect(estimatePromptTokens([{ role: "user", content: parts }])).toBe(asString + plain("Describe these two pictures") + plain(" in one sentence each."));
  });

  it("counts each image as a fixed 765 tokens", () => {
    const image = { type: "image_url", image_url: { url: "data:image/png;base64," + "A".repeat(100_000), detail: "high" } };
    const textOnly = estimatePromptTokens([{ role: "user", content: [{ type: "text", text: "Compare" }] }]);
    expect(TOKENS_PER_IMAGE).toBe(765);
    expect(estimatePromptTokens([{ role: "user", content: [{ type: "text", text: "Compare" }, image] }])).toBe(textOnly + 765);
    expect(estimatePromptTokens([{ role: "user", content: [{ type: "text", text: "Compare" }, image, image] }])).toBe(textOnly + 2 * 765);
  });

  it("counts tool calls' names and arguments, and tool results", () => {
    const args = '{"city":"Paris","unit":"celsius"}';
    const call = { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: args } }] };
    const bare = { role: "assistant", content: null };
    expect(estimatePromptTokens([call]) - estimatePromptTokens([bare])).toBe(plain("get_weather") + plain(args) + 3);

    const result = { role: "tool", tool_call_id: "call_1", content: '{"temp":21}' };
    expect(estimatePromptTokens([result])).toBe(3 + plain("tool") + plain("call_1") + plain('{"temp":21}') + 3);
  });

  it("counts a legacy function_call like a tool call", () => {
    const message = { role: "assistant", content: null, function_call: { name: "lookup", arguments: '{"q":"x"}' } };
    expect(estimatePromptTokens([message]) - estimatePromptTokens([{ role: "assistant", content: null }])).toBe(plain("lookup") + plain('{"q":"x"}') + 3);
  });

  it("counts other part types by their JSON rather than as nothing", () => {
    const audio = { type: "input_audio", input_audio: { data: "UklGRiQAAABXQVZF", format: "wav" } };
    const withAudio = estimatePromptTokens([{ role: "user", content: [audio] }]);
    expect(withAudio - estimatePromptTokens([{ role: "user", content: [] }])).toBe(plain(JSON.stringify(audio)));
  });

  it("counts tool definitions when given", () => {
    const tool = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };
    const messages = [{ role: "user", content: "Weather in Paris?" }];
    expect(estimatePromptTokens(messages, [tool])).toBe(estimatePromptTokens(messages) + 3 + plain(JSON.stringify(tool)));
  });

  it("tolerates junk without throwing", () => {
    const junk = [null, 5, "text", [], { content: 7 }, { role: 3, content: [null, 4, { type: "text" }, { type: "text", text: 9 }] }, { tool_calls: "no" }, { tool_calls: [null] }];
    expect(estimatePromptTokens(junk as unknown[])).toBeGreaterThan(0);
    expect(estimatePromptTokens([])).toBe(3);
    expect(estimatePromptTokens(undefined as unknown as unknown[])).toBe(3);
  });

  it("handles a 1 MB message", () => {
    const content = "The quick brown fox jumps over the lazy dog. ".repeat(23_000);
    expect(content.length).toBeGreaterThan(1_000_000);
    expect(estimatePromptTokens([{ role: "user", content }])).toBeGreaterThanOrEqual(plain(content));
    expect(estimatePromptTokens([{ role: "user", content: "x".repeat(1_000_000) }])).toBeGreaterThan(1_000_000 / 8);
  }, 60_000); // compares against gpt-tokenizer on 1 MB: seconds on a loaded 2-core machine
});

describe("estimateCompletionTokens", () => {
  it("equals the tokenizer's count of the text", () => {
    for (const text of ["", "Paris.", "The capital of France is Paris. 🇫🇷", '{"city":"Paris"}get_weather', "<|endoftext|>"]) {
      expect(estimateCompletionTokens(text)).toBe(plain(text));
    }
  });

  it("handles a 1 MB string", () => {
    const text = "Lorem ipsum dolor sit amet, 1234 consectetur; ".repeat(22_000);
    expect(estimateCompletionTokens(text)).toBe(plain(text));
  }, 60_000);
});
