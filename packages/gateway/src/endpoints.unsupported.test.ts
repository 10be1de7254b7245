// A provider that does not offer an endpoint, named by x-byok-provider or pinned as
// `provider/model`, is a 400 that names the provider and the endpoint, and nothing is sent upstream.
import { makePng, wavFile } from "@switchyard/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let key: string;
beforeAll(async () => {
  h = await startHarness();
  key = await h.project("hybrid");
}, 60_000);
afterAll(() => h.close());

const json = (fields: Record<string, string>) => (model: string) => ({ headers: { "content-type": "application/json" }, body: JSON.stringify({ ...fields, model }) });
const form = (fields: Record<string, string>, file: { field: string; bytes: Buffer; name: string; type: string }) => (model: string) => {
  const data = new FormData();
  for (const [name, value] of Object.entries({ ...fields, model })) data.append(name, value);
  data.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return { headers: {}, body: data };
};
const WAV = { field: "file", bytes: wavFile(Buffer.alloc(3200, 1), 16_000), name: "hi.wav", type: "audio/wav" };
const PNG = { field: "image", bytes: makePng(4, 4), name: "in.png", type: "image/png" };

const cases = [
  { path: "/v1/embeddings", model: "text-embedding-3-small", send: json({ input: "hi" }), provider: "groq", name: "Groq", endpoint: "POST /v1/embeddings" },
  { path: "/v1/audio/speech", model: "tts-1", send: json({ input: "hi", voice: "alloy" }), provider: "cerebras", name: "Cerebras", endpoint: "POST /v1/audio/speech" },
  // Groq transcribes (Whisper) but does not speak: the refusal names speech, not a missing model.
  { path: "/v1/audio/speech", model: "tts-1", send: json({ input: "hi", voice: "alloy" }), provider: "groq", name: "Groq", endpoint: "POST /v1/audio/speech" },
  { path: "/v1/audio/transcriptions", model: "whisper-1", send: form({}, WAV), provider: "cerebras", name: "Cerebras", endpoint: "POST /v1/audio/transcriptions" },
  { path: "/v1/audio/translations", model: "whisper-1", send: form({}, WAV), provider: "cerebras", name: "Cerebras", endpoint: "POST /v1/audio/translations" },
  { path: "/v1/images/generations", model: "dall-e-3", send: json({ prompt: "a lighthouse" }), provider: "groq", name: "Groq", endpoint: "POST /v1/images/generations" },
  { path: "/v1/images/edits", model: "dall-e-2", send: form({ prompt: "make it blue" }, PNG), provider: "groq", name: "Groq", endpoint: "POST /v1/images/edits" },
];

it.each(cases)("$endpoint at $provider: forced by header or pinned, a 400 naming both", async ({ path, model: catalogModel, send, provider, name, endpoint }) => {
  const before = h.mock.requests.length;
  for (const [headers, model] of [[{ "x-byok-provider": provider }, catalogModel], [{}, `${provider}/${catalogModel}`]] as const) {
    const request = send(model);
    const res = await fetch(`${h.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, ...request.headers, ...headers }, body: request.body });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; param: string } };
    expect(error).toMatchObject({ code: "endpoint_not_supported", param: "model" });
    expect(error.message).toContain(`${name} (${provider})`);
    expect(error.message).toContain(endpoint);
  }
  expect(h.mock.requests.length).toBe(before);
});
