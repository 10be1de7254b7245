// The audio requests against the mocks: the speech body with the upstream's model, a multipart
// upload streamed from a file on disk (twice from the same file, as failover replays it), Azure's
// deployment address and api-key, and failures classified like chat's.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getProvider } from "@switchyard/catalog";
import { startAzureMock, startMockUpstream, wavFile, type AzureMock, type MockUpstream } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { audioAddress } from "./address.ts";
import { sendSpeech } from "./speech.ts";
import { sendTranscription } from "./transcription.ts";

let mock: MockUpstream;
let azure: AzureMock;
let http: UpstreamHttp;
let dir: string;
let wavPath: string;
const WAV = wavFile(Buffer.alloc(16_000 * 2), 16_000); // one second of silence at 16 kHz

beforeAll(async () => {
  mock = await startMockUpstream({ validKeys: ["sk-good"] });
  azure = await startAzureMock({ apiKeys: ["az-secret"], deployments: { "my-whisper": "whisper-1" } });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
  dir = await mkdtemp(join(tmpdir(), "sy-audio-"));
  wavPath = join(dir, "upload");
  await writeFile(wavPath, WAV);
});
afterAll(async () => {
  await http.close();
  await mock.close();
  await azure.close();
  await rm(dir, { recursive: true, force: true });
});

const openai = getProvider("openai")!;
const target = (over: Partial<UpstreamTarget> = {}): UpstreamTarget => ({ provider: openai, baseUrl: `${mock.url}/openai/v1`, upstreamModel: "whisper-1", secret: "sk-good", keySource: "credits", untrustedUrl: false, ...over });
const signal = () => new AbortController().signal;
const upload = (fields: [string, string][] = []) => ({ path: "transcriptions" as const, fields, file: { field: "file", path: wavPath, filename: "hello.wav", contentType: "audio/wav", size: WAV.length } });

describe("speech", () => {
  it("sends the body with the upstream's model and returns the unread audio", async () => {
    const sent = await sendSpeech(http, target({ upstreamModel: "tts-1" }), { model: "openai/tts-1", input: "Hi", voice: "alloy", response_format: "flac" }, signal());
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.res.headers["content-type"]).toBe("audio/flac");
    expect(Buffer.from(await sent.res.body.arrayBuffer()).toString("latin1", 0, 4)).toBe("fLaC");
    expect(mock.requests.at(-1)!.body).toEqual({ model: "tts-1", input: "Hi", voice: "alloy", response_format: "flac" });
  });

  it("classifies a rejected key and a bad request", async () => {
    expect(await sendSpeech(http, target({ upstreamModel: "tts-1", secret: "sk-bad" }), { input: "Hi", voice: "alloy" }, signal())).toMatchObject({ ok: false, kind: "auth", status: 401 });
    expect(await sendSpeech(http, target({ upstreamModel: "tts-1" }), { input: "Hi", voice: "robot" }, signal())).toMatchObject({ ok: false, kind: "client", status: 400, param: "voice" });
  });
});

describe("transcriptions", () => {
  it("streams the file from disk as multipart, with the fields in order, as often as asked", async () => {
    for (let i = 0; i < 2; i++) {
      const sent = await sendTranscription(http, target(), upload([["model", "openai/whisper-1"], ["response_format", "verbose_json"], ["timestamp_granularities[]", "word"], ["timestamp_granularities[]", "segment"]]), signal());
      expect(sent.ok).toBe(true);
      if (!sent.ok) return;
      expect(await sent.res.body.json()).toMatchObject({ duration: 1, text: "Mock transcription of hello.wav: 1.00 seconds of audio." });
      const seen = mock.requests.at(-1)!;
      expect(seen.body).toEqual({ model: "whisper-1", response_format: "verbose_json", "timestamp_granularities[]": ["word", "segment"] });
      expect(Number(seen.headers["content-length"])).toBe(seen.rawBytes!.length);
    }
  });

  it("addresses Azure's audio deployment (named in the credentials, else after the model) with the api-key and the key's api-version", async () => {
    const creds = JSON.stringify({ endpoint: azure.url, apiKey: "az-secret", apiVersion: "2024-06-01", deploymentName: "my-chat", transcriptionDeploymentName: "my-whisper" });
    const azureTarget = target({ provider: getProvider("azure")!, secret: creds, baseUrl: "https://unused.example/openai" });
    const sent = await sendTranscription(http, azureTarget, { ...upload([["response_format", "text"]]), path: "translations" }, signal());
    expect(sent.ok).toBe(true);
    if (sent.ok) expect(await sent.res.body.text()).toBe("Mock translation of hello.wav: 1.00 seconds of audio.\n");
    expect(azure.requests.at(-1)!.path).toBe("/openai/deployments/my-whisper/audio/translations?api-version=2024-06-01");
    // Without a speechDeploymentName: a deployment named after the model; v1 puts it in `model`.
    expect(audioAddress({ ...azureTarget, upstreamModel: "tts-1", secret: JSON.stringify({ endpoint: "https://r.openai.azure.com", apiKey: "k", apiVersion: "v1", deploymentName: "chat" }) }, "speech")).toMatchObject({
      url: "https://r.openai.azure.com/openai/v1/audio/speech",
      model: "tts-1",
      untrusted: false,
    });
    expect(audioAddress({ ...azureTarget, upstreamModel: "tts-1", secret: JSON.stringify({ endpoint: "https://r.openai.azure.com/", apiKey: "k", apiVersion: "2024-10-21", speechDeploymentName: "voice" }) }, "speech")).toMatchObject({
      url: "https://r.openai.azure.com/openai/deployments/voice/audio/speech?api-version=2024-10-21",
      model: "voice",
    });
  });

  it("refuses a protocol without an audio API, naming the provider", () => {
    expect(audioAddress(target({ provider: getProvider("anthropic")! }), "transcriptions")).toMatchObject({ ok: false, status: 400, code: "endpoint_not_supported", message: expect.stringContaining("Anthropic") });
  });
});
