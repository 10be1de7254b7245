// The Gemini mock speaks the API's wire format and refuses what the API refuses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startGeminiMock } from "./server.ts";
import type { GeminiMock } from "./types.ts";

let mock: GeminiMock;
const KEY = "AIza-test-key";

beforeAll(async () => {
  mock = await startGeminiMock({ validKeys: [KEY] });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

interface Part {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name: string; args: Record<string, unknown> };
}
/** A GenerateContentResponse, an error body or a model list: what these tests read. */
interface Json {
  candidates: Array<{ content: { role: string; parts: Part[] }; finishReason?: string; index: number }>;
  usageMetadata: { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number; thoughtsTokenCount?: number };
  error: { code: number; message: string; status: string; details: Array<Record<string, unknown>> };
  models: unknown[];
  nextPageToken?: string;
}

function generate(body: unknown, options: { model?: string; stream?: boolean; key?: string | null } = {}): Promise<Response> {
  const method = options.stream ? "streamGenerateContent?alt=sse" : "generateContent";
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.key !== null) headers["x-goog-api-key"] = options.key ?? KEY;
  return fetch(`${mock.url}/v1beta/models/${options.model ?? "gemini-2.5-flash"}:${method}`, { method: "POST", headers, body: JSON.stringify(body) });
}

const hello = { contents: [{ role: "user", parts: [{ text: "Hello" }] }] };

async function sseEvents(res: Response): Promise<Json[]> {
  const text = await res.text();
  expect(text.endsWith("\r\n\r\n")).toBe(true);
  return text.split("\r\n\r\n").filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, "")) as Json);
}

describe("Gemini mock", () => {
  it("answers generateContent with candidates, usageMetadata, modelVersion and responseId", async () => {
    const res = await generate(hello);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.candidates[0]).toMatchObject({ content: { role: "model", parts: [{ text: "Hello from mock Gemini (model gemini-2.5-flash)." }] }, finishReason: "STOP", index: 0 });
    expect(body.usageMetadata.promptTokenCount).toBeGreaterThan(0);
    expect(body.usageMetadata.totalTokenCount).toBe(body.usageMetadata.promptTokenCount + body.usageMetadata.candidatesTokenCount);
    expect(body).toMatchObject({ modelVersion: "gemini-2.5-flash", responseId: expect.any(String) });
  });

  it("streams SSE events without [DONE], finishReason and full usage on the last", async () => {
    mock.enqueue({ chunks: ["Hel", "lo ", "there"] });
    const events = await sseEvents(await generate(hello, { stream: true }));
    expect(events.map((e) => e.candidates[0]!.content.parts[0]!.text)).toEqual(["Hel", "lo ", "there"]);
    expect(events.slice(0, -1).every((e) => e.candidates[0]!.finishReason === undefined)).toBe(true);
    expect(events.at(-1)!.candidates[0]!.finishReason).toBe("STOP");
    expect(events.at(-1)!.usageMetadata.candidatesTokenCount).toBeGreaterThan(0);
  });

  it("checks the key like Google: missing → 403, unknown → 400 API_KEY_INVALID", async () => {
    const missing = await generate(hello, { key: null });
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as Json).error.status).toBe("PERMISSION_DENIED");
    const bad = (await (await generate(hello, { key: "nope" })).json()) as Json;
    expect(bad.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
    expect(bad.error.details[0]!.reason).toBe("API_KEY_INVALID");
  });

  it("refuses invalid requests with the API's messages", async () => {
    const cases: Array<[unknown, string]> = [
      [{ contents: [] }, "contents is not specified"],
      [{ ...hello, messages: [] }, 'Unknown name "messages"'],
      [{ contents: [{ role: "assistant", parts: [{ text: "x" }] }] }, "valid role"],
      [{ contents: [{ role: "user", parts: [{ text: "a" }] }, { role: "user", parts: [{ text: "b" }] }] }, "alternate"],
      [{ contents: [{ role: "user", parts: [] }] }, "must not be empty"],
      [{ contents: [{ role: "user", parts: [{ text: "a", inlineData: { mimeType: "image/png", data: "AA==" } }] }] }, "oneof"],
      [{ contents: [{ role: "user", parts: [{ inlineData: { mimeType: "image/png", data: "not base64!" } }] }] }, "Base64"],
      [{ ...hello, generationConfig: { max_tokens: 3 } }, "generation_config"],
      [{ ...hello, generationConfig: { responseJsonSchema: { type: "object" } } }, "response_mime_type"],
      [{ ...hello, generationConfig: { thinkingConfig: { thinkingLevel: "HIGH" } } }, "Thinking level"],
      [{ contents: [{ role: "user", parts: [{ text: "a" }] }, { role: "model", parts: [{ functionCall: { name: "f", args: {} } }] }, { role: "user", parts: [{ text: "b" }] }] }, "number of function response parts"],
    ];
    for (const [body, message] of cases) {
      const res = await generate(body);
      expect(res.status, message).toBe(400);
      expect(((await res.json()) as Json).error.message).toContain(message);
    }
    expect((await generate(hello, { model: "gpt-4o" })).status).toBe(404);
  });

  it("calls functions; on Gemini 3 signs the first call and requires the signature back", async () => {
    const tools = [{ functionDeclarations: [{ name: "get_weather", parametersJsonSchema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }] }];
    mock.enqueue({ toolCalls: [] });
    const first = (await (await generate({ ...hello, tools }, { model: "gemini-3.5-flash" })).json()) as Json;
    const part = first.candidates[0]!.content.parts[0]!;
    expect(part.functionCall).toEqual({ name: "get_weather", args: { city: "mock" } });
    expect(part.thoughtSignature).toEqual(expect.any(String));
    const replay = (signature?: string) => ({
      tools,
      contents: [
        hello.contents[0],
        { role: "model", parts: [{ functionCall: part.functionCall, ...(signature ? { thoughtSignature: signature } : {}) }] },
        { role: "user", parts: [{ functionResponse: { name: "get_weather", response: { output: "sunny" } } }] },
      ],
    });
    expect(((await (await generate(replay(), { model: "gemini-3.5-flash" })).json()) as Json).error.message).toContain("missing a thought_signature");
    expect(((await (await generate(replay("AAAA"), { model: "gemini-3.5-flash" })).json()) as Json).error.message).toContain("Corrupted");
    expect((await generate(replay(part.thoughtSignature), { model: "gemini-3.5-flash" })).status).toBe(200);
    expect((await generate(replay("skip_thought_signature_validator"), { model: "gemini-3.5-flash" })).status).toBe(200);
    expect((await generate(replay(), { model: "gemini-2.5-flash" })).status).toBe(200);
  });

  it("sends thought summaries with includeThoughts and counts them apart", async () => {
    const body = (await (await generate({ ...hello, generationConfig: { thinkingConfig: { thinkingBudget: 1024, includeThoughts: true } } })).json()) as Json;
    expect(body.candidates[0]!.content.parts[0]).toEqual({ text: "Thinking it through.", thought: true });
    expect(body.usageMetadata.thoughtsTokenCount).toBeGreaterThan(0);
  });

  it("sends Google's error bodies: 429 with RetryInfo, 503 overloaded; lists models", async () => {
    mock.enqueue({ error: { status: 429 } }, { error: { status: 503 } });
    const limited = (await (await generate(hello)).json()) as Json;
    expect(limited.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(limited.error.details.at(-1)).toEqual({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "13s" });
    expect(((await (await generate(hello)).json()) as Json).error).toMatchObject({ code: 503, status: "UNAVAILABLE" });
    const list = (await (await fetch(`${mock.url}/v1beta/models?pageSize=1`, { headers: { "x-goog-api-key": KEY } })).json()) as Json;
    expect(list.models).toHaveLength(1);
    expect(list.nextPageToken).toBeDefined();
  });
});
