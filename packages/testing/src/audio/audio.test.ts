// The mock's audio endpoints as a client sees them over HTTP: speech as a chunked byte stream
// (or OpenAI's SSE events with usage), transcriptions and translations parsed from real
// multipart bodies in every response_format, the streaming variant, Groq's and Azure's forms,
// and OpenAI's errors for what is invalid.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAzureMock, startMockUpstream, type AzureMock, type MockUpstream } from "../index.ts";
import { fileDuration, pcmTone, wavHeader } from "./formats.ts";

let mock: MockUpstream;
let azure: AzureMock;
beforeAll(async () => {
  mock = await startMockUpstream();
  azure = await startAzureMock({ apiKeys: ["az-key"], deployments: { whisper: "whisper-1", speech: "tts-1" } });
});
afterAll(async () => {
  await mock.close();
  await azure.close();
});

const auth = { authorization: "Bearer sk-test-audio-0000" };
const wav = (seconds: number): Buffer => {
  const pcm = pcmTone(seconds, 16_000);
  return Buffer.concat([wavHeader(pcm.length, 16_000), pcm]);
};

function speech(body: Record<string, unknown>, url = `${mock.url}/openai/v1/audio/speech`, headers: Record<string, string> = auth) {
  return fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
}

function form(fields: Record<string, string | string[]>, file?: { bytes: Buffer; name: string }): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  if (file) data.append("file", new Blob([new Uint8Array(file.bytes)], { type: "audio/wav" }), file.name);
  return data;
}

function transcribe(data: FormData, path = "/openai/v1/audio/transcriptions", base = mock.url, headers: Record<string, string> = auth) {
  return fetch(`${base}${path}`, { method: "POST", headers, body: data });
}

describe("speech", () => {
  it("streams the audio in several chunks with the format's content-type", async () => {
    mock.enqueue({ chunks: 3, chunkDelayMs: 150 });
    const res = await speech({ model: "tts-1", input: "Hello there, this is a test of speech.", voice: "alloy", response_format: "wav" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    const reader = res.body!.getReader();
    const arrivals: number[] = [];
    const parts: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      arrivals.push(Date.now());
      parts.push(value);
    }
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(250);
    const bytes = Buffer.concat(parts);
    expect(bytes.toString("latin1", 0, 4)).toBe("RIFF");
    expect(fileDuration(bytes)).toBeCloseTo(38 / 15, 1);
  });

  it.each([
    ["mp3", "audio/mpeg"],
    ["opus", "audio/opus"],
    ["aac", "audio/aac"],
    ["flac", "audio/flac"],
    ["pcm", "audio/pcm"],
  ])("answers %s as %s", async (format, type) => {
    const res = await speech({ model: "tts-1-hd", input: "Short.", voice: "nova", response_format: format });
    expect(res.headers.get("content-type")).toBe(type);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("sends speech.audio.delta events and usage with stream_format sse", async () => {
    const res = await speech({ model: "gpt-4o-mini-tts", input: "Hello there.", voice: "coral", instructions: "Cheerful.", stream_format: "sse", response_format: "pcm" });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, "")) as { type: string; audio?: string; usage?: Record<string, number> });
    expect(events.at(-1)).toEqual({ type: "speech.audio.done", usage: { input_tokens: 6, output_tokens: 17, total_tokens: 23 } });
    const audio = Buffer.concat(events.slice(0, -1).map((e) => Buffer.from(e.audio!, "base64")));
    expect(audio.length).toBe(Math.round((12 / 15) * 24_000) * 2);
  });

  it.each([
    [{ input: "x", voice: "alloy" }, 400, "model"],
    [{ model: "tts-1", voice: "alloy" }, 400, "input"],
    [{ model: "tts-1", input: "x".repeat(4097), voice: "alloy" }, 400, "input"],
    [{ model: "tts-1", input: "x", voice: "robot" }, 400, "voice"],
    [{ model: "tts-1", input: "x", voice: "alloy", response_format: "ogg" }, 400, "response_format"],
    [{ model: "tts-1", input: "x", voice: "alloy", speed: 5 }, 400, "speed"],
    [{ model: "tts-1", input: "x", voice: "alloy", instructions: "Whisper." }, 400, "instructions"],
    [{ model: "tts-1", input: "x", voice: "alloy", stream_format: "sse" }, 400, "stream_format"],
    [{ model: "gpt-4o-mini", input: "x", voice: "alloy" }, 404, null],
  ])("rejects %j", async (body, status, param) => {
    const res = await speech(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { param: string | null } }).error.param).toBe(param);
  });

  it("needs a key", async () => {
    expect((await speech({ model: "tts-1", input: "x", voice: "alloy" }, undefined, {})).status).toBe(401);
  });
});

describe("transcriptions", () => {
  const file = { bytes: wav(2.5), name: "hello.wav" };

  it("answers json with whisper-1's duration usage", async () => {
    const res = await transcribe(form({ model: "whisper-1" }, file));
    expect(await res.json()).toEqual({ text: "Mock transcription of hello.wav: 2.50 seconds of audio.", usage: { type: "duration", seconds: 3 } });
    expect(mock.requests.at(-1)?.body).toEqual({ model: "whisper-1" });
  });

  it("answers the gpt-4o models with token usage", async () => {
    const res = await transcribe(form({ model: "gpt-4o-transcribe", prompt: "Greeting." }, file));
    const body = (await res.json()) as { usage: Record<string, unknown> };
    expect(body.usage).toEqual({ type: "tokens", input_tokens: 45, input_token_details: { text_tokens: 3, audio_tokens: 42 }, output_tokens: 14, total_tokens: 59 });
  });

  it("answers text, srt, vtt and verbose_json", async () => {
    expect(await (await transcribe(form({ model: "whisper-1", response_format: "text" }, file))).text()).toBe("Mock transcription of hello.wav: 2.50 seconds of audio.\n");
    expect(await (await transcribe(form({ model: "whisper-1", response_format: "srt" }, file))).text()).toBe("1\n00:00:00,000 --> 00:00:02,500\nMock transcription of hello.wav: 2.50 seconds of audio.\n\n");
    expect(await (await transcribe(form({ model: "whisper-1", response_format: "vtt" }, file))).text()).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.500\n/);
    const verbose = (await (await transcribe(form({ model: "whisper-1", response_format: "verbose_json", "timestamp_granularities[]": ["word", "segment"] }, file))).json()) as Record<string, unknown>;
    expect(verbose).toMatchObject({ task: "transcribe", language: "english", duration: 2.5, usage: { type: "duration", seconds: 3 } });
    expect((verbose.words as unknown[]).length).toBe(8);
    expect((verbose.segments as unknown[]).length).toBe(1);
  });

  it("streams transcript.text.delta events and a done event with usage", async () => {
    const res = await transcribe(form({ model: "gpt-4o-mini-transcribe", stream: "true" }, file));
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean).map((e) => JSON.parse(e.replace(/^data: /, "")) as { type: string; delta?: string; text?: string; usage?: unknown });
    expect(events.slice(0, -1).map((e) => e.type)).toEqual(["transcript.text.delta", "transcript.text.delta", "transcript.text.delta", "transcript.text.delta"]);
    expect(events.slice(0, -1).map((e) => e.delta).join("")).toBe(events.at(-1)!.text);
    expect(events.at(-1)).toMatchObject({ type: "transcript.text.done", usage: { type: "tokens", input_tokens: 42 } });
  });

  it.each([
    [{ model: "whisper-1" }, undefined, "1 validation error for Request\nbody -> file\n  field required (type=value_error.missing)"],
    [{}, { bytes: wav(1), name: "a.wav" }, "1 validation error for Request\nbody -> model\n  field required (type=value_error.missing)"],
    [{ model: "whisper-1" }, { bytes: wav(1), name: "a.txt" }, /^Invalid file format/],
    [{ model: "gpt-4o-transcribe", response_format: "srt" }, { bytes: wav(1), name: "a.wav" }, /not compatible/],
    [{ model: "whisper-1", "timestamp_granularities[]": "word" }, { bytes: wav(1), name: "a.wav" }, /requires response_format=verbose_json/],
    [{ model: "whisper-1", temperature: "3" }, { bytes: wav(1), name: "a.wav" }, /temperature/],
  ])("rejects %j", async (fields, upload, message) => {
    const res = await transcribe(form(fields, upload));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });
});

describe("translations", () => {
  it("translate with whisper-1, without usage", async () => {
    const res = await transcribe(form({ model: "whisper-1" }, { bytes: wav(1), name: "hola.wav" }), "/openai/v1/audio/translations");
    expect(await res.json()).toEqual({ text: "Mock translation of hola.wav: 1.00 seconds of audio." });
  });

  it("refuse models that do not translate", async () => {
    const res = await transcribe(form({ model: "gpt-4o-transcribe" }, { bytes: wav(1), name: "hola.wav" }), "/openai/v1/audio/translations");
    expect(res.status).toBe(400);
    const groq = await transcribe(form({ model: "whisper-large-v3-turbo" }, { bytes: wav(1), name: "hola.wav" }), "/groq/v1/audio/translations");
    expect(groq.status).toBe(400);
  });
});

describe("dialects", () => {
  it("Groq answers with x_groq and no usage", async () => {
    const res = await transcribe(form({ model: "whisper-large-v3", response_format: "verbose_json" }, { bytes: wav(1.25), name: "a.wav" }), "/groq/v1/audio/transcriptions");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.duration).toBe(1.25);
    expect(body.usage).toBeUndefined();
    expect(body.x_groq).toMatchObject({ id: expect.stringMatching(/^req_/) });
  });

  it("Azure serves the deployment's model at the deployment path", async () => {
    const res = await transcribe(form({}, { bytes: wav(1), name: "a.wav" }), "/openai/deployments/whisper/audio/transcriptions?api-version=2024-06-01", azure.url, { "api-key": "az-key" });
    expect(await res.json()).toMatchObject({ text: "Mock transcription of a.wav: 1.00 seconds of audio." });
    const tts = await speech({ input: "Hi", voice: "alloy" }, `${azure.url}/openai/deployments/speech/audio/speech?api-version=2024-10-21`, { "api-key": "az-key" });
    expect(tts.headers.get("content-type")).toBe("audio/mpeg");
    expect((await transcribe(form({}, { bytes: wav(1), name: "a.wav" }), "/openai/deployments/nope/audio/transcriptions?api-version=2024-06-01", azure.url, { "api-key": "az-key" })).status).toBe(404);
    expect((await transcribe(form({}, { bytes: wav(1), name: "a.wav" }), "/openai/deployments/whisper/audio/transcriptions?api-version=2024-06-01", azure.url, { "api-key": "wrong" })).status).toBe(401);
  });
});
