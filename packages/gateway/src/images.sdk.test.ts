// POST /v1/images/generations and /v1/images/edits with the official OpenAI SDK against the mock
// upstream: url and b64_json answers, multipart edits with PNGs the test builds, cost per image
// (dall-e, DeepInfra FLUX pro) and per token (gpt-image-1) in the response's `usage` and in the
// one usage event, and the 400s / 413 that never reach an upstream.
import OpenAI, { toFile } from "openai";
import { makePng, textTokens } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;
const LIMIT = 256 * 1024;

beforeAll(async () => {
  h = await startHarness({ imagesMaxUploadBytes: LIMIT });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

type Usage = Record<string, unknown>;
const usageOf = (res: unknown) => (res as { usage: Usage }).usage;
const png = (name: string, w = 8, h2 = 8) => toFile(makePng(w, h2), name, { type: "image/png" });
const caught = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as InstanceType<typeof OpenAI.APIError>);

describe("images.generate", () => {
  it("dall-e-3 hd 1024x1792 answers a url and costs $0.12 per image", async () => {
    const res = await client.images.generate({ model: "dall-e-3", prompt: "a lighthouse at dusk", size: "1024x1792", quality: "hd" });
    expect(res.data?.[0]?.url).toMatch(/^https:\/\//);
    expect(res.data?.[0]?.revised_prompt).toContain("lighthouse");
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.12, cost_usd_image: 0.12, cost_usd_input: 0, key_source: "credits", billed_usd: 0.12, cost_priced: true });
    expect(h.mock.requests).toHaveLength(1);
    expect(h.mock.requests[0]).toMatchObject({ path: "/openai/v1/images/generations", headers: { authorization: "Bearer house-openai" } });
    expect(h.mock.requests[0]!.body).toEqual({ model: "dall-e-3", prompt: "a lighthouse at dusk", size: "1024x1792", quality: "hd" });
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ endpoint: "images.generations", model: "dall-e-3", providerId: "openai", keySource: "credits", units: { images: 1, imageVariant: "hd:1024x1792" }, status: "success" });
    expect(h.events[0]!.cost.image).toBe("0.1200000000");
    expect(h.events[0]!.amountBilled).toBe("0.1200000000");
  });

  it("dall-e-2 b64_json: two real PNGs at $0.016 each, the default quality and the asked size", async () => {
    const res = await client.images.generate({ model: "dall-e-2", prompt: "a cat", n: 2, size: "256x256", response_format: "b64_json" });
    expect(res.data).toHaveLength(2);
    expect(Buffer.from(res.data![0]!.b64_json!, "base64").subarray(1, 4).toString()).toBe("PNG");
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.032, cost_usd_image: 0.032 });
    expect(h.events[0]!.units).toEqual({ images: 2, imageVariant: "standard:256x256" });
  });

  it("dall-e-3 without size or quality is billed at standard 1024x1024", async () => {
    const res = await client.images.generate({ model: "dall-e-3", prompt: "a cat" });
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.04 });
  });

  it("gpt-image-1 is billed by tokens from the answer's usage, which keeps OpenAI's fields", async () => {
    const prompt = "a red fox in deep snow, watercolour";
    const res = await client.images.generate({ model: "gpt-image-1", prompt, quality: "high", size: "1024x1024", response_format: "b64_json" });
    const text = textTokens(prompt);
    expect(res.data?.[0]?.b64_json).toBeTypeOf("string");
    expect(res.usage).toMatchObject({ input_tokens: text, input_tokens_details: { text_tokens: text, image_tokens: 0 }, output_tokens: 4160 });
    // text input $5 / M, image output $40 / M
    const expected = (text * 5 + 4160 * 40) / 1e6;
    expect(usageOf(res).cost_usd_total).toBeCloseTo(expected, 10);
    expect(usageOf(res).cost_usd_input).toBeCloseTo((text * 5) / 1e6, 10);
    expect(usageOf(res).cost_usd_image).toBeCloseTo((4160 * 40) / 1e6, 10);
    // response_format b64_json is what gpt-image-1 always answers: not forwarded (OpenAI refuses the parameter for it).
    expect(h.mock.requests[0]!.body).not.toHaveProperty("response_format");
    expect(h.events[0]).toMatchObject({ promptTokens: text, completionTokens: 4160, usageEstimated: false, units: { imageOutputTokens: 4160, images: 1 } });
  });

  it("gpt-image-1 without usage in the answer is estimated from OpenAI's tokens per image and marked so", async () => {
    h.mock.enqueue({ omitUsage: true });
    const res = await client.images.generate({ model: "gpt-image-1", prompt: "a fox", size: "1536x1024", quality: "medium" });
    expect(usageOf(res)).toMatchObject({ usage_estimated: true });
    expect(usageOf(res).cost_usd_image).toBeCloseTo((1568 * 40) / 1e6, 10);
    expect(h.events[0]).toMatchObject({ usageEstimated: true, completionTokens: 1568 });
  });

  it("DeepInfra FLUX pro costs its flat $0.05 per image at the sizes it is priced for", async () => {
    const res = await client.images.generate({ model: "flux-pro", prompt: "a mountain", size: "1024x768" });
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.05 });
    expect(h.mock.requests[0]).toMatchObject({ path: "/deepinfra/v1/images/generations", headers: { authorization: "Bearer house-deepinfra" } });
    expect((h.mock.requests[0]!.body as { model: string }).model).toBe("black-forest-labs/FLUX-pro");
    const bad = await caught(client.images.generate({ model: "flux-pro", prompt: "a mountain", size: "512x512" }));
    expect(bad).toMatchObject({ status: 400, param: "size" });
  });

  it("GET /v1/models lists the image models with kind image", async () => {
    const listed = new Map((await client.models.list()).data.map((m) => [m.id, (m as unknown as { kind: string }).kind]));
    for (const id of ["dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "flux-pro"]) expect(listed.get(id), id).toBe("image");
  });

  it("is served under /api/v1 too", async () => {
    const api = new OpenAI({ apiKey: client.apiKey, baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    const res = await api.images.generate({ model: "dall-e-2", prompt: "x", size: "512x512" });
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.018 });
  });
});

describe("a client that leaves", () => {
  it("aborts the upstream request and bills the prompt's tokens (gpt-image-1) as a client abort", async () => {
    h.mock.enqueue({ firstByteDelayMs: 3000 });
    const abort = new AbortController();
    const sent = fetch(`${h.url}/v1/images/generations`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-image-1", prompt: "a slow painting of a snail" }),
      signal: abort.signal,
    });
    await vi.waitFor(() => expect(h.mock.requests).toHaveLength(1));
    abort.abort();
    await expect(sent).rejects.toThrow();
    await vi.waitFor(() => expect(h.events).toHaveLength(1));
    expect(h.events[0]).toMatchObject({ status: "client_abort", httpStatus: 499, completionTokens: 0, usageEstimated: true });
    expect(h.events[0]!.promptTokens).toBeGreaterThan(0);
    await vi.waitFor(() => expect(h.mock.requests[0]!.aborted).toBe(true));
  });
});

describe("images.edit", () => {
  it("gpt-image-1 with two PNGs: multipart forwarded intact, image input tokens billed at $10 / M", async () => {
    const res = await client.images.edit({ model: "gpt-image-1", prompt: "put them side by side", image: [await png("a.png"), await png("b.png", 16, 8)], quality: "low", size: "1536x1024" });
    expect(res.data?.[0]?.b64_json).toBeTypeOf("string");
    const seen = h.mock.requests[0]!;
    expect(seen.path).toBe("/openai/v1/images/edits");
    expect(seen.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toMatchObject({ model: "gpt-image-1", prompt: "put them side by side", quality: "low", size: "1536x1024" });
    expect((seen.body as { files: unknown[] }).files).toEqual([
      { field: "image[]", filename: "a.png", mimeType: "image/png", size: makePng(8, 8).length },
      { field: "image[]", filename: "b.png", mimeType: "image/png", size: makePng(16, 8).length },
    ]);
    const text = textTokens("put them side by side");
    const expected = (text * 5 + 2 * 194 * 10 + 400 * 40) / 1e6;
    expect(usageOf(res).cost_usd_total).toBeCloseTo(expected, 10);
    expect(h.events[0]).toMatchObject({ endpoint: "images.edits", units: { imageInputTokens: 388, imageOutputTokens: 400, images: 1 } });
  });

  it("dall-e-2 with a mask: one square PNG, b64_json, $0.02 at the default 1024x1024", async () => {
    const res = await client.images.edit({ model: "dall-e-2", prompt: "add a hat", image: await png("in.png", 4, 4), mask: await png("mask.png", 4, 4), response_format: "b64_json" });
    expect(res.data?.[0]?.b64_json).toBeTypeOf("string");
    expect((h.mock.requests[0]!.body as { files: { field: string }[] }).files.map((f) => f.field)).toEqual(["image", "mask"]);
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.02 });
  });

  it("is served under /api/v1 too", async () => {
    const api = new OpenAI({ apiKey: client.apiKey, baseURL: `${h.url}/api/v1`, maxRetries: 0 });
    const { data: res, response } = await api.images.edit({ model: "dall-e-2", prompt: "add a hat", image: await png("in.png", 4, 4), size: "512x512" }).withResponse();
    expect(res.data).toHaveLength(1);
    expect(response.headers.get("x-switchyard-provider")).toBe("openai");
    expect(h.mock.requests.map((r) => r.path)).toEqual(["/openai/v1/images/edits"]);
    expect(usageOf(res)).toMatchObject({ cost_usd_total: 0.018 });
    expect(h.events).toMatchObject([{ endpoint: "images.edits", status: "success" }]);
  });

  it("refuses before any upstream call: no image, a non-PNG for dall-e-2, dall-e-3, a JSON body", async () => {
    const noImage = await fetch(`${h.url}/v1/images/edits`, { method: "POST", headers: { authorization: `Bearer ${client.apiKey}` }, body: (() => { const f = new FormData(); f.append("model", "gpt-image-1"); f.append("prompt", "x"); return f; })() });
    expect(noImage.status).toBe(400);
    expect(((await noImage.json()) as { error: { param: string } }).error.param).toBe("image");
    const jpegForDalle2 = await caught(client.images.edit({ model: "dall-e-2", prompt: "x", image: await toFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "x.jpg", { type: "image/jpeg" }) }));
    expect(jpegForDalle2).toMatchObject({ status: 400, param: "image" });
    const dalle3 = await caught(client.images.edit({ model: "dall-e-3", prompt: "x", image: await png("a.png") }));
    expect(dalle3).toMatchObject({ status: 400, param: "model" });
    const json = await fetch(`${h.url}/v1/images/edits`, { method: "POST", headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" }, body: JSON.stringify({ model: "dall-e-2", prompt: "x" }) });
    expect(json.status).toBe(400);
    expect(h.mock.requests).toHaveLength(0);
    expect(h.events).toHaveLength(0);
  });

  it("answers 413 in OpenAI's envelope over the upload limit", async () => {
    const big = Buffer.concat([makePng(8, 8), Buffer.alloc(LIMIT)]);
    const err = await caught(client.images.edit({ model: "gpt-image-1", prompt: "x", image: await toFile(big, "big.png", { type: "image/png" }) }));
    expect(err).toMatchObject({ status: 413 });
    expect(err?.type).toBe("invalid_request_error");
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("uploads without a declared length", () => {
  it("are cut off at the limit with a 413 while streaming", async () => {
    const boundary = "----sytest";
    const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="model"\r\n\r\ngpt-image-1\r\n--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new Uint8Array(head));
        if (sent > 4 * LIMIT) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const res = await fetch(`${h.url}/v1/images/edits`, {
      method: "POST",
      headers: { authorization: `Bearer ${client.apiKey}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("bad requests name the parameter and reach no upstream", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["dall-e-3 takes n=1 only", { model: "dall-e-3", prompt: "x", n: 2 }, "n"],
    ["dall-e-3 sizes", { model: "dall-e-3", prompt: "x", size: "512x512" }, "size"],
    ["dall-e-2 sizes", { model: "dall-e-2", prompt: "x", size: "1792x1024" }, "size"],
    ["dall-e-2 quality", { model: "dall-e-2", prompt: "x", quality: "hd" }, "quality"],
    ["gpt-image-1 answers no urls", { model: "gpt-image-1", prompt: "x", response_format: "url" }, "response_format"],
    ["gpt-image-1 sizes", { model: "gpt-image-1", prompt: "x", size: "1792x1024" }, "size"],
    ["style is dall-e-3's", { model: "gpt-image-1", prompt: "x", style: "vivid" }, "style"],
    ["background is the GPT image models'", { model: "dall-e-3", prompt: "x", background: "transparent" }, "background"],
    ["a prompt", { model: "dall-e-3" }, "prompt"],
    ["a model", { prompt: "x" }, "model"],
    ["dall-e-2 prompts up to 1000 characters", { model: "dall-e-2", prompt: "x".repeat(1001) }, "prompt"],
    ["no streaming", { model: "gpt-image-1", prompt: "x", stream: true }, "stream"],
  ];
  it.each(cases)("%s", async (_name, body, param) => {
    const res = await fetch(`${h.url}/v1/images/generations`, { method: "POST", headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { param: string; type: string } };
    expect(error).toMatchObject({ param, type: "invalid_request_error" });
    expect(h.mock.requests).toHaveLength(0);
  });

  it("a chat model is a 400 that points at chat completions", async () => {
    const err = await caught(client.images.generate({ model: "gpt-4o-mini", prompt: "x" }));
    expect(err).toMatchObject({ status: 400, code: "wrong_model_kind" });
    expect((err as Error).message).toContain("/v1/chat/completions");
  });
});
