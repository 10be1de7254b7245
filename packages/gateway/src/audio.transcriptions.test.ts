// POST /v1/audio/transcriptions and /v1/audio/translations through the official OpenAI SDK with
// a real WAV file the test writes (RIFF header + PCM samples): every response_format, the
// streaming variant, usage and cost (whisper per minute, gpt-4o-transcribe per token, Groq's
// 10-second minimum, durations read from the file when the upstream gives none, a token-priced
// model's text answer), the upload limit (413, with or without a content-length), bad input, and
// the temporary files cleaned up.
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { Decimal } from "decimal.js";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pcmTone, wavFile } from "@switchyard/testing";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;
const LIMIT = 256 * 1024;

beforeAll(async () => {
  h = await startHarness({ audioMaxFileBytes: LIMIT });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

/** `seconds` of a 440 Hz tone as a 16 kHz, 16-bit mono WAV file. */
function wav(seconds: number, rate = 16_000): Buffer {
  return wavFile(pcmTone(seconds, rate), rate);
}

const file = (seconds: number, name = "hello.wav") => toFile(wav(seconds), name, { type: "audio/wav" });
const upstream = () => h.mock.requests.at(-1)!;
const spooled = async () => (await readdir(tmpdir())).filter((name) => name.startsWith("switchyard-audio-"));
/** Every spooled upload is deleted (streamed answers delete theirs just after the last byte). */
async function noSpoolLeft(): Promise<string[]> {
  const end = Date.now() + 3000;
  let left = await spooled();
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 20));
    left = await spooled();
  }
  return left;
}
const perMinute = (usd: string, seconds: number) => new Decimal(usd).times(seconds).div(60).toFixed(10);
const TEXT = (name: string, seconds: number, task = "transcription") => `Mock ${task} of ${name}: ${seconds.toFixed(2)} seconds of audio.`;

describe("audio.transcriptions.create", () => {
  it("transcribes a WAV file with whisper-1: the upstream gets the file's bytes; cost per minute in usage", async () => {
    const { data, response } = await client.audio.transcriptions.create({ file: await file(2.5), model: "whisper-1", language: "en", temperature: 0.2, prompt: "Greeting." }).withResponse();
    expect(data.text).toBe(TEXT("hello.wav", 2.5));
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    const seen = upstream();
    expect(seen.path).toBe("/openai/v1/audio/transcriptions");
    expect(seen.headers.authorization).toBe("Bearer house-openai");
    expect(seen.body).toEqual({ model: "whisper-1", language: "en", temperature: "0.2", prompt: "Greeting." });
    expect(seen.rawBytes!.includes(wav(2.5))).toBe(true);
    // OpenAI reports whole seconds (3): $0.006 a minute.
    const usage = data.usage as unknown as Record<string, unknown>;
    expect(usage).toMatchObject({ type: "duration", seconds: 3, key_source: "credits", usage_estimated: false });
    expect(usage.cost_usd_audio).toBeCloseTo(0.0003, 12);
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "audio.transcriptions", model: "whisper-1", status: "success", units: { audioSeconds: 3 } });
    expect(h.events[0]!.cost.total).toBe(perMinute("0.006", 3));
    expect(await noSpoolLeft()).toEqual([]);
  });

  it("answers text, srt, vtt and verbose_json as the upstream does, billed by the file's duration when none is reported", async () => {
    expect(await client.audio.transcriptions.create({ file: await file(1.5), model: "whisper-1", response_format: "text" })).toBe(`${TEXT("hello.wav", 1.5)}\n`);
    expect(await client.audio.transcriptions.create({ file: await file(1.5), model: "whisper-1", response_format: "srt" })).toBe(`1\n00:00:00,000 --> 00:00:01,500\n${TEXT("hello.wav", 1.5)}\n\n`);
    expect(await client.audio.transcriptions.create({ file: await file(1.5), model: "whisper-1", response_format: "vtt" })).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\n/);
    // text, srt and vtt carry no duration: the WAV header's 1.5 s is billed.
    expect(h.events.map((e) => [e.units?.audioSeconds, e.cost.total])).toEqual(Array(3).fill([1.5, perMinute("0.006", 1.5)]));
    const verbose = await client.audio.transcriptions.create({ file: await file(1.5), model: "whisper-1", response_format: "verbose_json", timestamp_granularities: ["word", "segment"] });
    expect(verbose).toMatchObject({ task: "transcribe", duration: 1.5, text: TEXT("hello.wav", 1.5) });
    expect(verbose.words).toHaveLength(8);
    expect(upstream().body).toMatchObject({ response_format: "verbose_json", "timestamp_granularities[]": ["word", "segment"] });
  });

  it("bills gpt-4o-transcribe by the upstream's token usage", async () => {
    const data = await client.audio.transcriptions.create({ file: await file(3), model: "gpt-4o-transcribe", prompt: "Names: Ada." });
    // The mock: audio tokens ceil(3 s × 1000/60) = 50, prompt ceil(11/4) = 3, output ceil(55/4) = 14.
    expect(data.usage).toMatchObject({ type: "tokens", input_tokens: 53, output_tokens: 14, input_token_details: { audio_tokens: 50, text_tokens: 3 } });
    const event = h.events[0]!;
    expect(event).toMatchObject({ promptTokens: 53, completionTokens: 14, units: { audioInputTokens: 50 } });
    expect(event.cost.total).toBe(new Decimal("2.50").times(3).plus(new Decimal(6).times(50)).plus(new Decimal(10).times(14)).div(1e6).toFixed(10));
    expect((data.usage as unknown as Record<string, number>).cost_usd_total).toBeCloseTo(Number(event.cost.total), 12);
  });

  it("bills gpt-4o-transcribe's text answer (no place for usage) like its json answer, counting the transcript passed on, marked estimated", async () => {
    const text = await client.audio.transcriptions.create({ file: await file(3), model: "gpt-4o-transcribe", prompt: "Names: Ada.", response_format: "text" });
    expect(text).toBe(`${TEXT("hello.wav", 3)}\n`);
    expect(upstream().body).toMatchObject({ response_format: "text" });
    // Estimated as the json answer reports it: audio ceil(3 s × 1000/60) = 50, prompt ceil(11/4) = 3, transcript ceil(55/4) = 14.
    const event = h.events[0]!;
    expect(event).toMatchObject({ status: "success", promptTokens: 53, completionTokens: 14, usageEstimated: true, units: { audioInputTokens: 50 } });
    expect(event.cost.total).toBe(new Decimal("2.50").times(3).plus(new Decimal(6).times(50)).plus(new Decimal(10).times(14)).div(1e6).toFixed(10));
  });

  it("streams transcript.text.delta events; the done event carries usage with the cost", async () => {
    h.mock.script(() => ({ chunks: 3, chunkDelayMs: 30 }));
    const stream = await client.audio.transcriptions.create({ file: await file(2), model: "gpt-4o-mini-transcribe", stream: true });
    const events: Array<{ type: string; delta?: string; text?: string; usage?: Record<string, unknown> }> = [];
    for await (const event of stream) events.push(event as never);
    expect(events.map((e) => e.type)).toEqual(["transcript.text.delta", "transcript.text.delta", "transcript.text.delta", "transcript.text.done"]);
    expect(events.slice(0, 3).map((e) => e.delta).join("")).toBe(TEXT("hello.wav", 2));
    const done = events[3]!;
    expect(done.usage).toMatchObject({ type: "tokens", input_tokens: 34, key_source: "credits" });
    expect(done.usage!.cost_usd_total).toBeGreaterThan(0);
    expect(upstream().body).toMatchObject({ stream: "true" });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "audio.transcriptions", model: "gpt-4o-mini-transcribe", promptTokens: 34, usageEstimated: false });
  });

  it("breaks the client's stream when the upstream dies midway: billed once, the spooled file deleted", async () => {
    // The break comes well after the first delta, so the client has had it (a break before any byte is a 502: client-stream.test.ts).
    h.mock.script(() => ({ chunks: 4, chunkDelayMs: 200, failAfterChunks: 1 }));
    const stream = await client.audio.transcriptions.create({ file: await file(1), model: "gpt-4o-transcribe", stream: true });
    const read = async () => {
      for await (const _ of stream) void _;
    };
    await expect(read()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "audio.transcriptions", status: "upstream_error" });
    expect(await noSpoolLeft()).toEqual([]);
  });

  it("bills Groq's whisper at its 10-second minimum and adds an OpenAI-shaped usage to Groq's answer", async () => {
    const data = await client.audio.transcriptions.create({ file: await file(2), model: "groq/whisper-large-v3" });
    expect(upstream().path).toBe("/groq/v1/audio/transcriptions");
    expect(upstream().headers.authorization).toBe("Bearer house-groq");
    expect(data).toMatchObject({ text: TEXT("hello.wav", 2), x_groq: { id: expect.any(String) }, usage: { type: "duration", seconds: 10 } });
    expect(h.events[0]).toMatchObject({ providerId: "groq", units: { audioSeconds: 10 } });
    expect(h.events[0]!.cost.total).toBe(perMinute("0.00185", 10));
  });

  it("refuses a file over SWITCHYARD_AUDIO_MAX_MB with a 413 in OpenAI's envelope, without calling the upstream", async () => {
    const error = (await client.audio.transcriptions.create({ file: await file(LIMIT / 32_000 + 1), model: "whisper-1" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error.status).toBe(413);
    expect(error.error).toMatchObject({ code: "payload_too_large", param: "file", type: "invalid_request_error" });
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
    expect(await noSpoolLeft()).toEqual([]);
  });

  it("refuses an over-limit upload sent without a content-length at once: 413 with connection: close, the rest never read", async () => {
    const boundary = "----switchyard-test";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.wav"\r\nContent-Type: audio/wav\r\n\r\n`;
    let sent = 0;
    // 64 KB pieces, for up to 1000 times the limit (256 MB): only a gateway that drains it gets there.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(head));
        if (sent >= 1000 * LIMIT) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const res = await fetch(`${h.url}/v1/audio/transcriptions`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.apiKey}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit).catch((e: unknown) => e);
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect(((await res.json()) as { error: { code: string; param: string } }).error).toMatchObject({ code: "payload_too_large", param: "file" });
    } else {
      // The gateway answered and closed while the client was still sending: on a loaded machine
      // the client may see the reset before it reads the 413.
      expect(String((res as Error & { cause?: { code?: string } }).cause?.code ?? res)).toMatch(/ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/i);
    }
    // Far below the 1000 × the limit a gateway that drained the body would read (socket buffers
    // let the client run ahead of the gateway by a few megabytes).
    expect(sent).toBeLessThan(200 * LIMIT);
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
    expect(await noSpoolLeft()).toEqual([]);
  });

  it.each([
    ["no file", () => ({ model: "whisper-1" }), "file"],
    ["no model", async () => ({ file: await file(1) }), "model"],
    ["an unknown response_format", async () => ({ file: await file(1), model: "whisper-1", response_format: "docx" }), "response_format"],
    ["temperature over 1", async () => ({ file: await file(1), model: "whisper-1", temperature: 1.5 }), "temperature"],
    ["an unknown timestamp granularity", async () => ({ file: await file(1), model: "whisper-1", response_format: "verbose_json", timestamp_granularities: ["sentence"] }), "timestamp_granularities"],
  ])("refuses %s with a 400 naming the parameter", async (_label, body, param) => {
    const error = (await client.audio.transcriptions.create((await body()) as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe(param);
    expect(h.mock.requests).toHaveLength(0);
  });

  it("refuses a model of another kind", async () => {
    const error = (await client.audio.transcriptions.create({ file: await file(1), model: "tts-1" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.code).toBe("wrong_model_kind");
    expect(error.message).toContain("POST /v1/audio/speech");
  });
});

describe("GET /v1/models", () => {
  it("lists the audio models with their kind", async () => {
    const kinds = new Map(((await client.models.list()).data as unknown as Array<{ id: string; kind: string }>).map((m) => [m.id, m.kind]));
    expect(kinds.get("tts-1")).toBe("speech");
    expect(kinds.get("gpt-4o-mini-tts")).toBe("speech");
    expect(kinds.get("whisper-1")).toBe("transcription");
    expect(kinds.get("whisper-large-v3-turbo")).toBe("transcription");
  });
});

describe("audio.translations.create", () => {
  it("translates with whisper-1, billed by the WAV's duration (the upstream reports none)", async () => {
    const data = await client.audio.translations.create({ file: await file(4, "hola.wav"), model: "whisper-1" });
    expect(data.text).toBe(TEXT("hola.wav", 4, "translation"));
    expect(upstream().path).toBe("/openai/v1/audio/translations");
    expect((data as unknown as { usage: Record<string, unknown> }).usage).toMatchObject({ type: "duration", seconds: 4, key_source: "credits" });
    expect(h.events[0]).toMatchObject({ endpoint: "audio.translations", units: { audioSeconds: 4 } });
    expect(h.events[0]!.cost.total).toBe(perMinute("0.006", 4));
  });

  it("transcriptions and translations are served under /api/v1 too", async () => {
    const api = new OpenAI({ apiKey: client.apiKey, baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    const { data: heard, response } = await api.audio.transcriptions.create({ file: await file(2, "api.wav"), model: "whisper-1" }).withResponse();
    expect(heard.text).toBe(TEXT("api.wav", 2));
    expect(response.headers.get("x-switchyard-key-source")).toBe("credits");
    const translated = await api.audio.translations.create({ file: await file(2, "api.wav"), model: "whisper-1" });
    expect(translated.text).toBe(TEXT("api.wav", 2, "translation"));
    expect(h.mock.requests.map((r) => r.path)).toEqual(["/openai/v1/audio/transcriptions", "/openai/v1/audio/translations"]);
    expect(h.events.map((e) => [e.endpoint, e.units?.audioSeconds])).toEqual([["audio.transcriptions", 2], ["audio.translations", 2]]);
  });

  it("passes the upstream's refusal of a model that does not translate", async () => {
    const error = (await client.audio.translations.create({ file: await file(1), model: "groq/whisper-large-v3-turbo" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error.status).toBe(400);
    expect(h.events[0]).toMatchObject({ status: "upstream_error", cost: { total: "0.0000000000" } });
  });
});
