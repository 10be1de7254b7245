// An own key that names its own address (an OpenAI key's proxy base URL, an Azure key's resource
// endpoint) is a tenant URL on every endpoint besides chat, as on chat: on a private address it is
// refused (400 upstream_url_refused, nothing sent) unless the operator allows the host, and then
// the request goes there with that key. Through the official OpenAI SDK.
import OpenAI, { toFile } from "openai";
import { startAzureMock, wavFile, type AzureMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

const OPENAI_KEY = "sk-own-key-proxied-0003";
const AZURE_KEY = "az-own-key-0004";
const WAV = wavFile(Buffer.alloc(16_000 * 2, 1), 16_000);

let azure: AzureMock;
let refusing: Harness;
let allowing: Harness;

async function withOwnKeys(allowlist: string[]): Promise<Harness> {
  const h = await startHarness({ allowlist });
  await h.setOrgKey("openai", OPENAI_KEY, "active", { baseUrl: `${h.mock.url}/my-proxy` });
  await h.setOrgKey("azure", JSON.stringify({ endpoint: azure.url, apiKey: AZURE_KEY, deploymentName: "chat-4o", apiVersion: "2024-10-21" }));
  return h;
}

beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: [AZURE_KEY], deployments: { "text-embedding-3-small": "text-embedding-3-small", "tts-1": "tts-1", "whisper-1": "whisper-1", "dall-e-3": "dall-e-3" } });
  refusing = await withOwnKeys([]);
  allowing = await withOwnKeys(["127.0.0.1"]);
}, 120_000);
afterAll(async () => {
  await refusing.close();
  await allowing.close();
  await azure.close();
});

const endpoints = [
  { endpoint: "embeddings", path: "embeddings", call: (c: OpenAI, p: string) => c.embeddings.create({ model: `${p}/text-embedding-3-small`, input: "where to?" }) },
  { endpoint: "speech", path: "audio/speech", call: async (c: OpenAI, p: string) => (await c.audio.speech.create({ model: `${p}/tts-1`, input: "where to?", voice: "alloy" })).arrayBuffer() },
  { endpoint: "transcriptions", path: "audio/transcriptions", call: async (c: OpenAI, p: string) => c.audio.transcriptions.create({ file: await toFile(WAV, "where.wav"), model: `${p}/whisper-1` }) },
  { endpoint: "images", path: "images/generations", call: (c: OpenAI, p: string) => c.images.generate({ model: `${p}/dall-e-3`, prompt: "where to?" }) },
];
const DEPLOYMENT: Record<string, string> = { embeddings: "text-embedding-3-small", "audio/speech": "tts-1", "audio/transcriptions": "whisper-1", "images/generations": "dall-e-3" };
const owners = [
  { owner: "an OpenAI key's base URL", provider: "openai", key: OPENAI_KEY, requests: (h: Harness) => h.mock.requests, at: (path: string) => `/my-proxy/v1/${path}`, auth: (r: { headers: Record<string, string | undefined> }) => r.headers.authorization, sent: `Bearer ${OPENAI_KEY}` },
  { owner: "an Azure key's endpoint", provider: "azure", key: AZURE_KEY, requests: () => azure.requests, at: (path: string) => `/openai/deployments/${DEPLOYMENT[path]}/${path}?api-version=2024-10-21`, auth: (r: { headers: Record<string, string | undefined> }) => r.headers["api-key"], sent: AZURE_KEY },
];
const cases = owners.flatMap((o) => endpoints.map((e) => ({ ...o, ...e })));
const client = async (h: Harness) => new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });

describe.each(cases)("$endpoint with $owner", ({ provider, key, call, path, requests, at, auth, sent }) => {
  it("on a private address: refused before anything is sent", async () => {
    refusing.mock.reset();
    azure.reset();
    const error = (await call(await client(refusing), provider).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("upstream_url_refused");
    expect(error.message).not.toContain(key);
    expect(refusing.mock.requests).toHaveLength(0);
    expect(azure.requests).toHaveLength(0);
  });

  it("on an address the operator allows: sent there with the own key", async () => {
    allowing.mock.reset();
    azure.reset();
    await call(await client(allowing), provider);
    const seen = requests(allowing);
    expect(seen.map((r) => r.path)).toEqual([at(path)]);
    expect(auth(seen[0]!)).toBe(sent);
  });
});
