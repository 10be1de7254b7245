// An organization's own OpenAI-compatible endpoint (`custom:<slug>/<model>`) serves embeddings,
// speech, transcriptions and images as it serves chat, through the official OpenAI SDK: the
// model is of the kind the endpoint asks for, sent to the organization's URL with its own key,
// unpriced unless an operator price override names the model, and reached only through the SSRF
// guard. GET /v1/realtime, which custom providers do not offer, refuses them as such.
import OpenAI, { toFile } from "openai";
import { Decimal } from "decimal.js";
import { newId } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import { mockEmbedding, mockTokenCount, wavFile } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRefused, openRealtime } from "./realtime/test-client.ts";
import type { Harness } from "./testing/harness.ts";
import { CUSTOM_SECRET, startCustomProviderHarness } from "./testing/custom-provider.ts";

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

async function withCustom(allowlist: string[]) {
  const h = await startCustomProviderHarness(allowlist);
  harnesses.push(h);
  // Before the first request, so the gateway's first load of the price book has it.
  await h.db.prisma.modelPriceOverride.create({
    data: { id: newId("prc"), providerId: "custom:inhouse", model: "custom:inhouse/bge-priced", inputPerMTok: new Prisma.Decimal("2"), outputPerMTok: new Prisma.Decimal("0"), effectiveFrom: new Date(Date.now() - 60_000) },
  });
  const apiKey = await h.project("credits");
  return { h, apiKey, client: new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0 }) };
}

const WAV = wavFile(Buffer.alloc(16_000 * 2, 1), 16_000); // one second at 16 kHz

describe("custom providers on the endpoints besides chat", () => {
  let h: Harness;
  let client: OpenAI;
  let apiKey: string;
  beforeAll(async () => void ({ h, client, apiKey } = await withCustom(["127.0.0.1"])), 60_000);

  it("embeds on the organization's endpoint with its own key, unpriced, one usage event", async () => {
    h.mock.reset();
    h.events.length = 0;
    const input = ["in-house passage", "another"];
    const { data, response } = await client.embeddings.create({ model: "custom:inhouse/bge-local", input, encoding_format: "float" }).withResponse();
    const seen = h.mock.requests[0]!;
    expect(seen.path).toBe("/inhouse/v1/embeddings");
    expect(seen.headers.authorization).toBe(`Bearer ${CUSTOM_SECRET}`);
    expect(seen.body).toMatchObject({ model: "bge-local", input });
    expect(data.data.map((d) => d.embedding)).toEqual(input.map((text) => mockEmbedding("bge-local", text, 768)));
    expect(response.headers.get("x-switchyard-provider")).toBe("custom:inhouse");
    expect(response.headers.get("x-switchyard-key-source")).toBe("byok");
    const tokens = input.reduce((sum, text) => sum + mockTokenCount(text), 0);
    expect(data.usage).toMatchObject({ prompt_tokens: tokens, key_source: "byok", cost_priced: false, cost_usd_total: 0 });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "embeddings", providerId: "custom:inhouse", model: "custom:inhouse/bge-local", upstreamModel: "bge-local", keySource: "byok", priced: false, promptTokens: tokens, amountBilled: "0.0000000000" });
  });

  it("prices a custom model from an operator price override, billing the own-key markup", async () => {
    h.events.length = 0;
    const { usage } = await client.embeddings.create({ model: "custom:inhouse/bge-priced", input: "priced passage", encoding_format: "float" });
    const cost = new Decimal(mockTokenCount("priced passage")).times(2).div(1_000_000);
    expect(usage).toMatchObject({ key_source: "byok", cost_priced: true });
    const event = h.events[0]!;
    expect(event).toMatchObject({ providerId: "custom:inhouse", priced: true, cost: { total: cost.toFixed(10) } });
    expect(event.amountBilled).toBe(cost.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP));
  });

  it("an endpoint the custom API lacks is its 404, naming the provider", async () => {
    h.mock.reset();
    h.mock.script((req) => (req.path.endsWith("/images/generations") ? { error: { status: 404 } } : undefined));
    const error = (await client.images.generate({ model: "custom:inhouse/dall-e-2", prompt: "x" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.NotFoundError>;
    h.mock.script(undefined);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.code).toBe("model_not_found");
    expect(error.message).toContain("In-house vLLM (custom:inhouse)");
    expect(h.mock.requests).toHaveLength(1);
  });

  it("speaks, transcribes, translates and makes images there too", async () => {
    h.mock.reset();
    h.events.length = 0;
    const speech = await client.audio.speech.create({ model: "custom:inhouse/tts-1", input: "hello", voice: "alloy" });
    expect(speech.headers.get("x-switchyard-provider")).toBe("custom:inhouse");
    expect((await speech.arrayBuffer()).byteLength).toBeGreaterThan(0);
    const text = await client.audio.transcriptions.create({ file: await toFile(WAV, "in.wav"), model: "custom:inhouse/whisper-1" });
    expect(text.text).toContain("in.wav");
    const english = await client.audio.translations.create({ file: await toFile(WAV, "fr.wav"), model: "custom:inhouse/whisper-1" });
    expect(english.text).toContain("fr.wav");
    const images = await client.images.generate({ model: "custom:inhouse/dall-e-2", prompt: "a lighthouse", size: "256x256" });
    expect(images.data).toHaveLength(1);
    expect(h.mock.requests.map((r) => [r.path, r.headers.authorization])).toEqual(
      ["audio/speech", "audio/transcriptions", "audio/translations", "images/generations"].map((path) => [`/inhouse/v1/${path}`, `Bearer ${CUSTOM_SECRET}`]),
    );
    await expect.poll(() => h.events.length).toBe(4);
    expect(h.events.map((e) => [e.endpoint, e.providerId, e.keySource])).toEqual(
      ["audio.speech", "audio.transcriptions", "audio.translations", "images.generations"].map((endpoint) => [endpoint, "custom:inhouse", "byok"]),
    );
  });

  it("GET /v1/realtime: a custom model is refused before the upgrade as an endpoint the provider does not offer, nothing dialled", async () => {
    h.mock.reset();
    const refused = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=custom:inhouse/gpt-realtime`, { key: apiKey });
    expect(refused).toMatchObject({ refused: true, status: 400, body: { error: { code: "endpoint_not_supported", type: "invalid_request_error", param: "model" } } });
    expect(isRefused(refused) && refused.body.error.message).toBe("In-house vLLM (custom:inhouse) does not offer GET /v1/realtime.");
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("custom providers behind the SSRF guard", () => {
  let h: Harness;
  let client: OpenAI;
  beforeAll(async () => void ({ h, client } = await withCustom([])), 60_000);

  it.each([
    ["embeddings", () => client.embeddings.create({ model: "custom:inhouse/bge-local", input: "x" })],
    ["speech", () => client.audio.speech.create({ model: "custom:inhouse/tts-1", input: "x", voice: "alloy" })],
    ["transcriptions", async () => client.audio.transcriptions.create({ file: await toFile(WAV, "a.wav"), model: "custom:inhouse/whisper-1" })],
    ["images", () => client.images.generate({ model: "custom:inhouse/dall-e-2", prompt: "x" })],
  ] as const)("%s: a tenant URL on a private address is refused, nothing is sent", async (_name, call) => {
    h.mock.reset();
    const error = (await Promise.resolve(call()).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.code).toBe("upstream_url_refused");
    expect(error.message).not.toContain(CUSTOM_SECRET);
    expect(h.mock.requests).toHaveLength(0);
  });
});
