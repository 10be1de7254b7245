// The Gemini mock's Grounding with Google Search: groundingMetadata with byte-offset supports,
// and the API's refusals (the old googleSearchRetrieval tool, search plus functions on 2.5).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GROUNDED_TEXT } from "./grounding.ts";
import { startGeminiMock } from "./server.ts";
import type { GeminiMock } from "./types.ts";

let mock: GeminiMock;
beforeAll(async () => {
  mock = await startGeminiMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const ask = (tools: unknown[]) => ({ contents: [{ role: "user", parts: [{ text: "Café prices?" }] }], tools });
const generate = (body: unknown, model = "gemini-2.5-flash", stream = false) =>
  fetch(`${mock.url}/v1beta/models/${model}:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`, { method: "POST", headers: { "content-type": "application/json", "x-goog-api-key": "k" }, body: JSON.stringify(body) });

interface Grounding {
  webSearchQueries: string[];
  groundingChunks: Array<{ web: { uri: string; title: string } }>;
  groundingSupports: Array<{ segment: { startIndex?: number; endIndex: number; text: string }; groundingChunkIndices: number[] }>;
}

describe("Gemini mock grounding", () => {
  it("answers with groundingMetadata whose segments are UTF-8 byte offsets", async () => {
    const res = await generate(ask([{ googleSearch: {} }]));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates: Array<{ content: { parts: Array<{ text: string }> }; groundingMetadata: Grounding }> };
    const candidate = body.candidates[0]!;
    expect(candidate.content.parts[0]!.text).toBe(GROUNDED_TEXT);
    const { webSearchQueries, groundingChunks, groundingSupports } = candidate.groundingMetadata;
    expect(webSearchQueries).toEqual(["Café prices?"]);
    expect(groundingChunks).toHaveLength(2);
    const bytes = Buffer.from(GROUNDED_TEXT);
    for (const { segment } of groundingSupports) expect(bytes.subarray(segment.startIndex ?? 0, segment.endIndex).toString()).toBe(segment.text);
    expect(groundingSupports[0]!.segment.startIndex).toBeUndefined();
    expect(groundingSupports[1]!.groundingChunkIndices).toEqual([1, 0]);
  });

  it("puts the grounding on the last streamed event only", async () => {
    const res = await generate(ask([{ google_search: {} }]), "gemini-2.5-flash", true);
    const events = (await res.text()).split("\r\n\r\n").filter(Boolean).map((e) => JSON.parse(e.slice(6)) as { candidates: Array<{ groundingMetadata?: Grounding; finishReason?: string }> });
    expect(events.length).toBeGreaterThan(1);
    expect(events.slice(0, -1).every((e) => e.candidates[0]!.groundingMetadata === undefined)).toBe(true);
    expect(events.at(-1)!.candidates[0]).toMatchObject({ finishReason: "STOP", groundingMetadata: { webSearchQueries: ["Café prices?"] } });
  });

  it.each([
    [[{ googleSearchRetrieval: {} }], "gemini-2.5-flash", "google_search_retrieval is not supported"],
    [[{ googleSearch: { excludeDomains: ["a.com"] } }], "gemini-2.5-flash", 'Unknown name "excludeDomains"'],
    [[{ functionDeclarations: [{ name: "f" }] }, { googleSearch: {} }], "gemini-2.5-flash", "Tool use with function calling is unsupported"],
    [[{ webSearch: {} }], "gemini-2.5-flash", 'Unknown name "webSearch"'],
  ])("refuses what the API refuses %#", async (tools, model, message) => {
    const res = await generate(ask(tools), model);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(message);
  });

  it("lets Gemini 3 combine Google Search with functions", async () => {
    const res = await generate(ask([{ functionDeclarations: [{ name: "f" }] }, { googleSearch: {} }]), "gemini-3.5-flash");
    expect(res.status).toBe(200);
  });
});
