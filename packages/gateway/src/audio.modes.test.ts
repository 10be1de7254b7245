// Audio in every project mode, with the official OpenAI SDK: which key the upstream saw, who was
// billed (credits: the cost; an own key: the 5% markup), failover to the next key before the
// first byte (the spooled upload is sent again, whole), x-byok-provider and x-use-byok, byok_conf
// in a JSON body (speech) and as a form field (transcriptions, translations), where the client
// forbids a fallback none happens, and Azure OpenAI deployments with JSON credentials.
import { Decimal } from "decimal.js";
import OpenAI, { toFile } from "openai";
import { startAzureMock, wavFile, type AzureMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let azure: AzureMock;
const ORG = "sk-org-openai-audio-1111";
const INLINE = "sk-inline-openai-audio-2222";
const HOUSE = "house-openai";

beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: ["org-az-key"], deployments: { "team-whisper": "whisper-1", "tts-1": "tts-1" } });
  h = await startHarness({ allowlist: ["127.0.0.1"] });
}, 60_000);
afterAll(async () => {
  await h.close();
  await azure.close();
});
beforeEach(async () => {
  h.mock.reset();
  azure.reset();
  h.events.length = 0;
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  h.caches.orgKeys.invalidate(h.orgId);
});

const WAV = wavFile(Buffer.alloc(16_000 * 2 * 2, 1), 16_000); // two seconds at 16 kHz

const keysSeen = () => h.mock.requests.map((r) => r.headers.authorization?.replace("Bearer ", ""));
const failing = (keys: Record<string, number>) => h.mock.script((req) => {
  const status = keys[req.headers.authorization?.replace("Bearer ", "") ?? ""];
  return status ? { error: { status } } : undefined;
});
const until = async (check: () => boolean) => {
  const end = Date.now() + 5000;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
};

interface Row {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  orgKey: boolean;
  headers?: Record<string, string>;
  inline?: boolean;
  failing?: Record<string, number>;
  keys: string[];
  source: "credits" | "byok";
}

const rows: Row[] = [
  { name: "credits: the house key, billed at cost", mode: "credits", orgKey: true, keys: [HOUSE], source: "credits" },
  { name: "credits + x-use-byok: the org key, billed the markup", mode: "credits", orgKey: true, headers: { "x-use-byok": "true" }, keys: [ORG], source: "byok" },
  { name: "byok: the org key", mode: "byok", orgKey: true, keys: [ORG], source: "byok" },
  { name: "hybrid: the org key first", mode: "hybrid", orgKey: true, keys: [ORG], source: "byok" },
  { name: "hybrid + x-use-byok: the org key", mode: "hybrid", orgKey: true, headers: { "x-use-byok": "true" }, keys: [ORG], source: "byok" },
  { name: "hybrid + x-byok-provider: the provider's own key", mode: "hybrid", orgKey: true, headers: { "x-byok-provider": "openai" }, keys: [ORG], source: "byok" },
  { name: "hybrid: a rate-limited org key falls back to credits", mode: "hybrid", orgKey: true, failing: { [ORG]: 429 }, keys: [ORG, HOUSE], source: "credits" },
  { name: "hybrid: a rejected org key falls back to credits", mode: "hybrid", orgKey: true, failing: { [ORG]: 401 }, keys: [ORG, HOUSE], source: "credits" },
  { name: "byok_conf: inline credentials in credits mode", mode: "credits", orgKey: false, inline: true, keys: [INLINE], source: "byok" },
];

function expectBilled(source: "credits" | "byok") {
  expect(h.events).toHaveLength(1);
  const event = h.events[0]!;
  expect(event.keySource).toBe(source);
  const cost = new Decimal(event.cost.total);
  expect(cost.greaterThan(0)).toBe(true);
  expect(event.amountBilled).toBe((source === "credits" ? cost : cost.times("0.05")).toFixed(10));
  expect(event.markup).toBe((source === "credits" ? new Decimal(0) : cost.times("0.05")).toFixed(10));
}

describe.each(rows)("$name", (row) => {
  async function client() {
    const apiKey = await h.project(row.mode);
    if (row.orgKey) await h.setOrgKey("openai", ORG);
    if (row.failing) failing(row.failing);
    return new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0, defaultHeaders: row.headers ?? {} });
  }
  const conf = { provider: "openai", credentials: INLINE };

  it("speech", async () => {
    const openai = await client();
    const body = { model: "tts-1", input: "Which key pays?", voice: "alloy" as const, ...(row.inline ? { byok_conf: conf } : {}) };
    const response = await openai.audio.speech.create(body);
    expect(response.headers.get("x-switchyard-key-source")).toBe(row.source);
    await response.arrayBuffer();
    expect(keysSeen()).toEqual(row.keys);
    expect(JSON.stringify(h.mock.requests.map((r) => r.body))).not.toContain(INLINE);
    await until(() => h.events.length > 0);
    expectBilled(row.source);
  });

  it("transcription", async () => {
    const openai = await client();
    const data = await openai.audio.transcriptions.create({ file: await toFile(WAV, "which.wav"), model: "whisper-1", ...(row.inline ? { byok_conf: JSON.stringify(conf) } : {}) } as never);
    expect((data as { text: string }).text).toContain("which.wav: 2.00 seconds");
    expect(keysSeen()).toEqual(row.keys);
    // Every attempt sent the whole file (replayed from the spool), never the inline credentials.
    for (const request of h.mock.requests) {
      expect(request.rawBytes!.includes(WAV)).toBe(true);
      expect(request.rawBody).not.toContain(INLINE);
    }
    expectBilled(row.source);
    expect((data as unknown as { usage: Record<string, unknown> }).usage).toMatchObject({ key_source: row.source, is_byok: row.source === "byok" });
  });

  it("translation", async () => {
    const openai = await client();
    const data = await openai.audio.translations.create({ file: await toFile(WAV, "which.wav"), model: "whisper-1", ...(row.inline ? { byok_conf: JSON.stringify(conf) } : {}) } as never);
    expect((data as { text: string }).text).toContain("which.wav: 2.00 seconds");
    expect(keysSeen()).toEqual(row.keys);
    for (const request of h.mock.requests) {
      expect(request.path).toBe("/openai/v1/audio/translations");
      expect(request.rawBytes!.includes(WAV)).toBe(true);
      expect(request.rawBody).not.toContain(INLINE);
    }
    expectBilled(row.source);
    expect(h.events[0]!.endpoint).toBe("audio.translations");
  });
});

const forbidding = [
  { endpoint: "speech", call: (c: OpenAI, conf?: object) => c.audio.speech.create({ model: "tts-1", input: "x", voice: "alloy", ...(conf ? { byok_conf: conf } : {}) } as never) },
  { endpoint: "transcriptions", call: async (c: OpenAI, conf?: object) => c.audio.transcriptions.create({ file: await toFile(WAV, "a.wav"), model: "whisper-1", ...(conf ? { byok_conf: JSON.stringify(conf) } : {}) } as never) },
  { endpoint: "translations", call: async (c: OpenAI, conf?: object) => c.audio.translations.create({ file: await toFile(WAV, "a.wav"), model: "whisper-1", ...(conf ? { byok_conf: JSON.stringify(conf) } : {}) } as never) },
];

describe.each(forbidding)("$endpoint where the client forbids a fallback", ({ call }) => {
  it("byok_conf with fallback false: a rejected inline key is a 403, the house key never tried, billed as nothing", async () => {
    const openai = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    failing({ [INLINE]: 401 });
    const error = (await Promise.resolve(call(openai, { provider: "openai", credentials: INLINE, fallback: false })).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.PermissionDeniedError>;
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error.code).toBe("provider_key_rejected");
    expect(error.message).not.toContain(INLINE);
    expect(keysSeen()).toEqual([INLINE]);
    expect(h.events.map((e) => [e.status, e.amountBilled])).toEqual([["upstream_error", "0.0000000000"]]);
  });

  it("hybrid + x-use-byok: the org key's 429 reaches the client, no credits fallback", async () => {
    const openai = new OpenAI({ apiKey: await h.project("hybrid"), baseURL: `${h.url}/v1`, maxRetries: 0, defaultHeaders: { "x-use-byok": "true" } });
    await h.setOrgKey("openai", ORG);
    failing({ [ORG]: 429 });
    const error = (await Promise.resolve(call(openai)).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(keysSeen()).toEqual([ORG]);
    expect(h.events.map((e) => [e.status, e.amountBilled])).toEqual([["upstream_error", "0.0000000000"]]);
  });
});

describe("refusals", () => {
  it("byok without an org key is a 400 before any upstream call, for both endpoints", async () => {
    const openai = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    const speech = (await openai.audio.speech.create({ model: "tts-1", input: "x", voice: "alloy" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(speech.code).toBe("provider_key_required");
    const text = (await openai.audio.transcriptions.create({ file: await toFile(WAV, "a.wav"), model: "whisper-1" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(text.code).toBe("provider_key_required");
    expect(h.mock.requests).toHaveLength(0);
  });

  it("byok does not fall back: the org key's 429 reaches the client, billed as nothing", async () => {
    const openai = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("openai", ORG);
    failing({ [ORG]: 429 });
    const error = (await openai.audio.transcriptions.create({ file: await toFile(WAV, "a.wav"), model: "whisper-1" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(keysSeen()).toEqual([ORG]);
    expect(h.events.map((e) => [e.status, e.amountBilled])).toEqual([["upstream_error", "0.0000000000"]]);
  });
});

describe("Azure OpenAI deployments", () => {
  const creds = (more: Record<string, string> = {}) => JSON.stringify({ endpoint: azure.url, apiKey: "org-az-key", deploymentName: "chat-4o", apiVersion: "2024-10-21", ...more });

  it("transcribes on the key's transcriptionDeploymentName with the api-key header, billed as the named model", async () => {
    const openai = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("azure", creds({ transcriptionDeploymentName: "team-whisper" }));
    const data = await openai.audio.transcriptions.create({ file: await toFile(WAV, "az.wav"), model: "azure/whisper-1", response_format: "verbose_json" });
    expect(data).toMatchObject({ duration: 2, text: "Mock transcription of az.wav: 2.00 seconds of audio." });
    const seen = azure.requests.at(-1)!;
    expect(seen.path).toBe("/openai/deployments/team-whisper/audio/transcriptions?api-version=2024-10-21");
    expect(seen.headers["api-key"]).toBe("org-az-key");
    expect(seen.headers.authorization).toBeUndefined();
    expect(h.events[0]).toMatchObject({ providerId: "azure", model: "whisper-1", keySource: "byok", units: { audioSeconds: 2 } });
  });

  it("speaks on a deployment named after the model when the key names none", async () => {
    const openai = new OpenAI({ apiKey: await h.project("byok"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    await h.setOrgKey("azure", creds());
    const response = await openai.audio.speech.create({ model: "azure/tts-1", input: "Hello Azure", voice: "alloy", response_format: "opus" });
    expect(response.headers.get("content-type")).toBe("audio/opus");
    expect(Buffer.from(await response.arrayBuffer()).toString("latin1", 0, 4)).toBe("OggS");
    expect(azure.requests.at(-1)!.path).toBe("/openai/deployments/tts-1/audio/speech?api-version=2024-10-21");
    await until(() => h.events.length > 0);
    expect(h.events[0]).toMatchObject({ providerId: "azure", model: "tts-1", units: { characters: 11 } });
  });
});
