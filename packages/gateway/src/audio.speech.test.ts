// POST /v1/audio/speech through the official OpenAI SDK, against the mock upstream: the audio
// streams to the client as the upstream sends it (no buffering), with each format's content-type;
// tts-1 is billed per character, gpt-4o-mini-tts per token from the upstream's SSE usage (also
// when the client asked for raw audio); a client that leaves is billed once; bad input is a 400
// naming the parameter.
import { Decimal } from "decimal.js";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startHarness();
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

const upstream = () => h.mock.requests.at(-1)!;
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

describe("audio.speech.create", () => {
  it("streams the audio: the first bytes reach the client before the upstream has finished", async () => {
    h.mock.script(() => ({ chunks: 4, chunkDelayMs: 250 }));
    const input = "The quick brown fox jumps over the lazy dog, twice over.";
    const response = await client.audio.speech.create({ model: "tts-1", input, voice: "alloy", response_format: "wav" });
    expect(response.headers.get("content-type")).toBe("audio/wav");
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    // The upstream is still sending (three more pieces, 250 ms apart) while the client holds the first.
    expect(upstream().finished).toBe(false);
    const parts = [first.value!];
    for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    const audio = Buffer.concat(parts);
    expect(audio.toString("latin1", 0, 4)).toBe("RIFF");
    expect(audio.length).toBe(44 + Math.round((input.length / 15) * 24_000) * 2);
    expect(upstream().headers.authorization).toBe("Bearer house-openai");
    expect(upstream().body).toEqual({ model: "tts-1", input, voice: "alloy", response_format: "wav" });

    await until(() => h.events.length > 0);
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "audio.speech", model: "tts-1", providerId: "openai", keySource: "credits", status: "success", units: { characters: input.length } });
    // $15 per million characters.
    expect(new Decimal(event.cost.total).toString()).toBe(new Decimal(15).times(input.length).div(1e6).toString());
    expect(event.amountBilled).toBe(new Decimal(event.cost.total).toFixed(10));
  });

  it.each([
    ["mp3", "audio/mpeg"],
    ["opus", "audio/opus"],
    ["aac", "audio/aac"],
    ["flac", "audio/flac"],
    ["pcm", "audio/pcm"],
  ] as const)("answers %s with content-type %s", async (format, type) => {
    const response = await client.audio.speech.create({ model: "tts-1-hd", input: "Hello.", voice: "nova", response_format: format });
    expect(response.headers.get("content-type")).toBe(type);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("asks the upstream for SSE on gpt-4o-mini-tts and bills its token usage; the client still gets raw audio", async () => {
    const input = "Hello there, how are you today?";
    const response = await client.audio.speech.create({ model: "gpt-4o-mini-tts", input, voice: "coral", instructions: "Speak warmly.", response_format: "pcm" });
    expect(response.headers.get("content-type")).toBe("audio/pcm");
    const audio = Buffer.from(await response.arrayBuffer());
    expect(audio.length).toBe(Math.round((input.length / 15) * 24_000) * 2);
    expect(upstream().body).toMatchObject({ model: "gpt-4o-mini-tts", stream_format: "sse", instructions: "Speak warmly." });
    await until(() => h.events.length > 0);
    // The mock's usage: text tokens ceil((31 + 13) / 4) = 11, audio tokens ceil(31/15 s × 1250/60) = 44.
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "audio.speech", promptTokens: 11, completionTokens: 44, usageEstimated: false, units: { characters: 31, audioOutputTokens: 44 } });
    expect(event.cost.total).toBe(new Decimal("0.60").times(11).plus(new Decimal(12).times(44)).div(1e6).toFixed(10));
  });

  it("passes the SSE stream on when the client asks for it, with the cost in the final event's usage", async () => {
    const response = await client.audio.speech.create({ model: "gpt-4o-mini-tts", input: "Hi!", voice: "ash", stream_format: "sse" });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const events = (await response.text()).split("\n\n").filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, "")) as { type: string; usage?: Record<string, unknown> });
    expect(events.slice(0, -1).every((e) => e.type === "speech.audio.delta")).toBe(true);
    const done = events.at(-1)!;
    expect(done.type).toBe("speech.audio.done");
    // Half a second at least: ceil(0.5 s × 1250/60) = 11 audio tokens.
    expect(done.usage).toMatchObject({ input_tokens: 1, output_tokens: 11, total_tokens: 12, key_source: "credits", usage_estimated: false });
    expect(done.usage!.cost_usd_total).toBeCloseTo((0.6 * 1 + 12 * 11) / 1e6, 12);
    expect(done.usage!.cost_usd_audio).toBeCloseTo((12 * 11) / 1e6, 12);
    await until(() => h.events.length > 0);
    expect(h.events).toHaveLength(1);
  });

  it("bills a client that leaves mid-stream once, as a client abort, and stops the upstream", async () => {
    h.mock.script(() => ({ chunks: 10, chunkDelayMs: 200 }));
    const response = await client.audio.speech.create({ model: "tts-1", input: "A long story.", voice: "echo" });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await until(() => upstream().aborted && h.events.length > 0);
    expect(upstream().aborted).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "audio.speech", status: "client_abort", units: { characters: 13 } });
  });

  it("breaks the client's stream when the upstream dies midway, billed once as an upstream error", async () => {
    h.mock.script(() => ({ chunks: 6, chunkDelayMs: 20, failAfterChunks: 2 }));
    const response = await client.audio.speech.create({ model: "tts-1", input: "Cut short.", voice: "fable" });
    await expect(response.arrayBuffer()).rejects.toThrow();
    await until(() => h.events.length > 0);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "audio.speech", status: "upstream_error", httpStatus: 502, units: { characters: 10 } });
  });

  it.each([
    ["input over 4096 characters", { model: "tts-1", input: "x".repeat(4097), voice: "alloy" }, "input"],
    ["empty input", { model: "tts-1", input: "", voice: "alloy" }, "input"],
    ["no voice", { model: "tts-1", input: "Hi" }, "voice"],
    ["speed over 4", { model: "tts-1", input: "Hi", voice: "alloy", speed: 4.5 }, "speed"],
    ["an unknown format", { model: "tts-1", input: "Hi", voice: "alloy", response_format: "ogg" }, "response_format"],
    ["an unknown stream format", { model: "tts-1", input: "Hi", voice: "alloy", stream_format: "chunks" }, "stream_format"],
    ["no model", { input: "Hi", voice: "alloy" }, "model"],
  ])("refuses %s with a 400 naming the parameter, before any upstream call", async (_label, body, param) => {
    const error = (await client.audio.speech.create(body as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe(param);
    expect(h.mock.requests).toHaveLength(0);
  });

  it("refuses a model of another kind and passes the upstream's refusal on", async () => {
    const chat = (await client.audio.speech.create({ model: "gpt-4o-mini", input: "Hi", voice: "alloy" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(chat.status).toBe(400);
    expect(chat.code).toBe("wrong_model_kind");
    expect(chat.message).toContain("POST /v1/chat/completions");
    const whisper = (await client.audio.speech.create({ model: "whisper-1", input: "Hi", voice: "alloy" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(whisper.code).toBe("wrong_model_kind");
    // tts-1 takes no instructions: the upstream's 400 reaches the client, billed as nothing.
    const refused = (await client.audio.speech.create({ model: "openai/tts-1", input: "Hi", voice: "alloy", instructions: "Loud." }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(refused.status).toBe(400);
    expect(refused.param).toBe("instructions");
    expect(h.events.map((e) => [e.status, e.cost.total])).toEqual([["upstream_error", "0.0000000000"]]);
  });

  it("is served under /api/v1 too", async () => {
    const api = new OpenAI({ apiKey: client.apiKey, baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    const response = await api.audio.speech.create({ model: "tts-1", input: "Hi", voice: "alloy" });
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    await response.arrayBuffer();
  });
});
