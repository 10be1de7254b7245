import { afterEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../index.ts";
import { makePng, pngSize, PNG_1X1 } from "./png.ts";

/** An images answer or an error body, as the tests read them. */
interface Answer {
  data: Array<{ url?: string; b64_json?: string; revised_prompt?: string }>;
  usage?: { input_tokens: number; output_tokens: number; input_tokens_details: { text_tokens: number; image_tokens: number } };
  error: { message: string; type: string; param: string | null; code: string | null };
  [field: string]: unknown;
}

let mock: MockUpstream | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const KEY = "sk-images-test-1234";

async function generate(body: unknown): Promise<{ status: number; body: Answer }> {
  const res = await fetch(`${mock!.url}/v1/images/generations`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer };
}

async function edit(form: FormData): Promise<{ status: number; body: Answer }> {
  const res = await fetch(`${mock!.url}/v1/images/edits`, { method: "POST", headers: { authorization: `Bearer ${KEY}` }, body: form });
  return { status: res.status, body: (await res.json()) as Answer };
}

const png = (width: number, height: number) => new Blob([new Uint8Array(makePng(width, height))], { type: "image/png" });

describe("images mock: generations", () => {
  it("answers dall-e-3 with url images and a revised prompt, no usage", async () => {
    mock = await startMockUpstream();
    const { status, body } = await generate({ model: "dall-e-3", prompt: "a red fox", size: "1024x1792", quality: "hd" });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]!.url).toMatch(/^https:\/\/.+\.png$/);
    expect(body.data[0]!.revised_prompt).toContain("a red fox");
    expect(body.usage).toBeUndefined();
  });

  it("answers b64_json with a real PNG", async () => {
    mock = await startMockUpstream();
    const { body } = await generate({ model: "dall-e-2", prompt: "a fox", n: 2, size: "256x256", response_format: "b64_json" });
    expect(body.data).toHaveLength(2);
    expect(Buffer.from(body.data[0]!.b64_json!, "base64").equals(PNG_1X1)).toBe(true);
  });

  it("reports gpt-image-1 token usage from the prompt, quality and size", async () => {
    mock = await startMockUpstream();
    const { body } = await generate({ model: "gpt-image-1", prompt: "a red fox in snow", quality: "high", size: "1536x1024", n: 2 });
    expect(body).toMatchObject({ quality: "high", size: "1536x1024", output_format: "png" });
    expect(body.usage).toEqual({ input_tokens: 5, input_tokens_details: { text_tokens: 5, image_tokens: 0 }, output_tokens: 2 * 6208, total_tokens: 5 + 2 * 6208 });
    expect(body.data[0]!.b64_json).toBeTypeOf("string");
  });

  it("refuses what OpenAI refuses, with OpenAI's error bodies", async () => {
    mock = await startMockUpstream();
    const cases: [unknown, Record<string, unknown>][] = [
      [{ model: "dall-e-3", prompt: "x", n: 2 }, { param: "n" }],
      [{ model: "dall-e-3", prompt: "x", size: "256x256" }, { code: "invalid_size", message: "The size is not supported by this model." }],
      [{ model: "gpt-image-1", prompt: "x", size: "512x512" }, { code: "invalid_value", param: "size" }],
      [{ model: "gpt-image-1", prompt: "x", response_format: "url" }, { code: "unknown_parameter", param: "response_format" }],
      [{ model: "dall-e-2", prompt: "x", n: 11 }, { code: "integer_above_max_value", param: "n" }],
      [{ model: "dall-e-2", prompt: "x", background: "transparent" }, { code: "unknown_parameter", param: "background" }],
      [{ model: "dall-e-3" }, { code: "missing_required_parameter", param: "prompt" }],
      [{ model: "dall-e-3", prompt: "x".repeat(4001) }, { code: "string_above_max_length", param: "prompt" }],
    ];
    for (const [request, error] of cases) {
      const { status, body } = await generate(request);
      expect(status, JSON.stringify(request).slice(0, 80)).toBe(400);
      expect(body.error).toMatchObject({ type: "invalid_request_error", ...error });
    }
  });

  it("answers a scripted error with OpenAI's body for the status", async () => {
    mock = await startMockUpstream();
    mock.enqueue({ error: { status: 429 } });
    const { status, body } = await generate({ model: "dall-e-3", prompt: "x" });
    expect(status).toBe(429);
    expect(body.error.code).toBe("rate_limit_exceeded");
  });
});

describe("images mock: edits", () => {
  it("parses the multipart body: several images as image[], counted as input image tokens", async () => {
    mock = await startMockUpstream();
    const form = new FormData();
    form.append("image[]", png(8, 8), "a.png");
    form.append("image[]", png(16, 8), "b.png");
    form.append("prompt", "merge them");
    form.append("model", "gpt-image-1");
    form.append("n", "1");
    const { status, body } = await edit(form);
    expect(status).toBe(200);
    expect(body.usage!.input_tokens_details).toEqual({ text_tokens: 3, image_tokens: 2 * 194 });
    const seen = mock.requests[0]!.body as { files: { field: string; filename: string; size: number }[]; prompt: string; n: number };
    expect(seen.prompt).toBe("merge them");
    expect(seen.n).toBe(1);
    expect(seen.files.map((f) => [f.field, f.filename])).toEqual([["image[]", "a.png"], ["image[]", "b.png"]]);
    expect(seen.files[0]!.size).toBe(makePng(8, 8).length);
  });

  it("takes one square PNG and a same-size mask for dall-e-2, and refuses other shapes", async () => {
    mock = await startMockUpstream();
    const ok = new FormData();
    ok.append("image", png(4, 4), "in.png");
    ok.append("mask", png(4, 4), "mask.png");
    ok.append("prompt", "add a hat");
    ok.append("response_format", "b64_json");
    expect((await edit(ok)).status).toBe(200);

    const notSquare = new FormData();
    notSquare.append("image", png(4, 2), "in.png");
    notSquare.append("prompt", "add a hat");
    expect((await edit(notSquare)).body.error).toMatchObject({ code: "invalid_image", param: "image" });

    const badMask = new FormData();
    badMask.append("image", png(4, 4), "in.png");
    badMask.append("mask", png(8, 8), "mask.png");
    badMask.append("prompt", "add a hat");
    expect((await edit(badMask)).body.error).toMatchObject({ code: "invalid_image", param: "mask" });
  });

  it("refuses a missing image, a non-image file, dall-e-3 and a JSON body", async () => {
    mock = await startMockUpstream();
    const noImage = new FormData();
    noImage.append("prompt", "x");
    expect((await edit(noImage)).body.error).toMatchObject({ code: "missing_required_parameter", param: "image" });

    const text = new FormData();
    text.append("image", new Blob(["not an image"], { type: "image/png" }), "x.png");
    text.append("prompt", "x");
    text.append("model", "gpt-image-1");
    expect((await edit(text)).body.error).toMatchObject({ code: "invalid_image" });

    const dalle3 = new FormData();
    dalle3.append("image", png(4, 4), "in.png");
    dalle3.append("prompt", "x");
    dalle3.append("model", "dall-e-3");
    expect((await edit(dalle3)).body.error).toMatchObject({ code: "invalid_value", param: "model" });

    const res = await fetch(`${mock.url}/v1/images/edits`, { method: "POST", headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/expected multipart\/form-data/);
  });

  it("builds real PNGs", () => {
    expect(pngSize(makePng(3, 5))).toEqual({ width: 3, height: 5 });
  });
});
