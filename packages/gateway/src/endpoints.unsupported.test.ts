// A provider that does not offer an endpoint, named by x-byok-provider or pinned as
// `provider/model`, is a 400 that names the provider and the endpoint, and nothing is sent upstream.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let key: string;
beforeAll(async () => {
  h = await startHarness();
  key = await h.project("hybrid");
}, 60_000);
afterAll(() => h.close());

const cases = [
  { path: "/v1/embeddings", body: { model: "text-embedding-3-small", input: "hi" }, provider: "groq", name: "Groq", endpoint: "POST /v1/embeddings" },
  { path: "/v1/audio/speech", body: { model: "tts-1", input: "hi", voice: "alloy" }, provider: "cerebras", name: "Cerebras", endpoint: "POST /v1/audio/speech" },
  { path: "/v1/images/generations", body: { model: "dall-e-3", prompt: "a lighthouse" }, provider: "groq", name: "Groq", endpoint: "POST /v1/images/generations" },
];

it.each(cases)("$endpoint at $provider: forced by header or pinned, a 400 naming both", async ({ path, body, provider, name, endpoint }) => {
  const before = h.mock.requests.length;
  for (const [headers, model] of [[{ "x-byok-provider": provider }, body.model], [{}, `${provider}/${body.model}`]] as const) {
    const res = await fetch(`${h.url}${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify({ ...body, model }) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; message: string; param: string } };
    expect(error).toMatchObject({ code: "endpoint_not_supported", param: "model" });
    expect(error.message).toContain(`${name} (${provider})`);
    expect(error.message).toContain(endpoint);
  }
  expect(h.mock.requests.length).toBe(before);
});
