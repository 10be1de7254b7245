// OpenAI chat bodies → Gemini generateContent requests (pure translation).
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { geminiRequest } from "./request.ts";
import { toolCallId } from "./tool-ids.ts";

const user = (content: unknown) => ({ role: "user", content });
const weatherTool = { type: "function", function: { name: "get_weather", description: "Weather", parameters: { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

function refusal(body: Record<string, unknown>, model = "gemini-2.5-flash"): SwitchyardError {
  try {
    geminiRequest(body, model);
  } catch (error) {
    if (error instanceof SwitchyardError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("geminiRequest: messages", () => {
  it("puts system and developer messages in systemInstruction and merges consecutive roles", () => {
    const request = geminiRequest({ messages: [{ role: "system", content: "Be brief." }, { role: "developer", content: [{ type: "text", text: "Use French." }] }, user("Hi"), user("Again"), { role: "assistant", content: "Salut" }] }, "gemini-2.5-flash");
    expect(request.systemInstruction).toEqual({ parts: [{ text: "Be brief." }, { text: "Use French." }] });
    expect(request.contents).toEqual([
      { role: "user", parts: [{ text: "Hi" }, { text: "Again" }] },
      { role: "model", parts: [{ text: "Salut" }] },
    ]);
    expect(request.generationConfig).toBeUndefined();
  });

  it("sends base64 images inline and http(s) image URLs as fileData", () => {
    const request = geminiRequest({ messages: [user([{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }, { type: "image_url", image_url: { url: "https://example.com/cat.webp?size=2" } }, { type: "input_audio", input_audio: { data: "UklGRg==", format: "wav" } }])] }, "gemini-2.5-flash");
    expect(request.contents[0]!.parts).toEqual([
      { text: "What is this?" },
      { inlineData: { mimeType: "image/png", data: "iVBORw0KGgo=" } },
      { fileData: { mimeType: "image/webp", fileUri: "https://example.com/cat.webp?size=2" } },
      { inlineData: { mimeType: "audio/wav", data: "UklGRg==" } },
    ]);
  });

  it("turns tool calls and results into functionCall / functionResponse parts named by call id", () => {
    const signed = toolCallId("fc1", "c2lnbmF0dXJl");
    const request = geminiRequest(
      {
        messages: [
          user("Weather in Paris and Oslo?"),
          { role: "assistant", content: null, tool_calls: [{ id: signed, type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }, { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } }] },
          { role: "tool", tool_call_id: signed, content: '{"temp": 18}' },
          { role: "tool", tool_call_id: "call_2", content: "noon" },
        ],
      },
      "gemini-2.5-flash",
    );
    expect(request.contents.slice(1)).toEqual([
      { role: "model", parts: [{ functionCall: { name: "get_weather", args: { city: "Paris" } }, thoughtSignature: "c2lnbmF0dXJl" }, { functionCall: { name: "get_time", args: {} } }] },
      { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { temp: 18 } } }, { functionResponse: { name: "get_time", response: { output: "noon" } } }] },
    ]);
  });

  it("marks unsigned function calls with the documented skip value on Gemini 3 only", () => {
    const messages = [user("x"), { role: "assistant", tool_calls: [{ id: "call_a", type: "function", function: { name: "f", arguments: "{}" } }, { id: "call_b", type: "function", function: { name: "g", arguments: "{}" } }] }];
    const parts = (model: string) => geminiRequest({ messages }, model).contents[1]!.parts;
    expect(parts("gemini-3.5-flash").map((p) => p.thoughtSignature)).toEqual(["skip_thought_signature_validator", undefined]);
    expect(parts("gemini-2.5-flash").map((p) => p.thoughtSignature)).toEqual([undefined, undefined]);
  });

  it("refuses what Gemini cannot take, naming the parameter", () => {
    expect(refusal({ messages: [user("x"), { role: "tool", tool_call_id: "nope", content: "r" }] }).param).toBe("messages[1].tool_call_id");
    expect(refusal({ messages: [user("x"), { role: "assistant", tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{oops" } }] }] }).param).toBe("messages[1].tool_calls[0].function.arguments");
    expect(refusal({ messages: [user([{ type: "file", file: { file_id: "file-abc" } }])] }).param).toBe("messages[0].content[0].file");
    expect(refusal({ messages: [user([{ type: "image_url", image_url: { url: "ftp://x/y.png" } }])] }).param).toBe("messages[0].content[0].image_url.url");
    expect(refusal({ messages: [user("x")], logprobs: true }).param).toBe("logprobs");
    expect(refusal({ messages: [user("x")], tools: [{ type: "custom", custom: { name: "x" } }] }).param).toBe("tools[0].type");
    expect(refusal({ messages: [user("x")], reasoning_effort: "low" }, "gemini-2.0-flash")).toMatchObject({ code: "unsupported_parameter", param: "reasoning_effort" });
  });
});

describe("geminiRequest: parameters", () => {
  it("maps sampling parameters into generationConfig and drops hints", () => {
    const request = geminiRequest({ messages: [user("x")], temperature: 0.2, top_p: 0.9, max_completion_tokens: 50, max_tokens: 99, stop: "END", seed: 7, presence_penalty: 0.5, frequency_penalty: -0.5, n: 2, user: "u1", metadata: { a: "b" }, parallel_tool_calls: false }, "gemini-2.5-flash");
    expect(request.generationConfig).toEqual({ temperature: 0.2, topP: 0.9, maxOutputTokens: 50, stopSequences: ["END"], seed: 7, presencePenalty: 0.5, frequencyPenalty: -0.5, candidateCount: 2 });
    expect(Object.keys(request)).toEqual(["contents", "generationConfig"]);
  });

  it("maps response_format to responseMimeType and responseJsonSchema (without $schema)", () => {
    expect(geminiRequest({ messages: [user("x")], response_format: { type: "json_object" } }, "gemini-2.5-flash").generationConfig).toEqual({ responseMimeType: "application/json" });
    const schema = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false };
    const config = geminiRequest({ messages: [user("x")], response_format: { type: "json_schema", json_schema: { name: "p", strict: true, schema } } }, "gemini-2.5-flash").generationConfig;
    expect(config).toEqual({ responseMimeType: "application/json", responseJsonSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false } });
  });

  it("maps reasoning_effort to a thinking budget (2.5) or level (3+), asking for thought summaries", () => {
    const thinking = (model: string, effort: string) => geminiRequest({ messages: [user("x")], reasoning_effort: effort }, model).generationConfig?.thinkingConfig;
    expect(thinking("gemini-2.5-flash", "medium")).toEqual({ thinkingBudget: 8192, includeThoughts: true });
    expect(thinking("gemini-2.5-flash", "minimal")).toEqual({ thinkingBudget: 0 });
    expect(thinking("gemini-2.5-pro", "minimal")).toEqual({ thinkingBudget: 128, includeThoughts: true });
    expect(thinking("gemini-3.5-flash", "high")).toEqual({ thinkingLevel: "HIGH", includeThoughts: true });
    expect(thinking("gemini-3.1-pro-preview", "minimal")).toEqual({ thinkingLevel: "LOW", includeThoughts: true });
  });

  it("maps function tools to parametersJsonSchema and tool_choice to functionCallingConfig", () => {
    const request = geminiRequest({ messages: [user("x")], tools: [weatherTool], tool_choice: { type: "function", function: { name: "get_weather" } } }, "gemini-2.5-flash");
    expect(request.tools).toEqual([{ functionDeclarations: [{ name: "get_weather", description: "Weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }] }]);
    expect(request.toolConfig).toEqual({ functionCallingConfig: { mode: "ANY", allowedFunctionNames: ["get_weather"] } });
    const mode = (choice: unknown) => geminiRequest({ messages: [user("x")], tools: [weatherTool], tool_choice: choice }, "gemini-2.5-flash").toolConfig?.functionCallingConfig.mode;
    expect([mode("auto"), mode("none"), mode("required"), mode(undefined)]).toEqual(["AUTO", "NONE", "ANY", undefined]);
  });
});
