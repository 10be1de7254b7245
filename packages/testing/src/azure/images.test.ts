import { afterEach, describe, expect, it } from "vitest";
import { makePng } from "../openai-images/png.ts";
import { startAzureMock } from "./server.ts";
import type { AzureMock } from "./types.ts";

/** An images answer or an error body, as the tests read them. */
interface Answer {
  data: Array<{ url?: string; b64_json?: string; revised_prompt?: string }>;
  usage?: { input_tokens: number; output_tokens: number; input_tokens_details: { text_tokens: number; image_tokens: number } };
  error: { message: string; type: string; param: string | null; code: string | null };
  [field: string]: unknown;
}

let mock: AzureMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const KEY = "azure-key-1234";
const start = async () => (mock = await startAzureMock({ apiKeys: [KEY], deployments: { painter: "dall-e-3", editor: "gpt-image-1" } }));

async function post(path: string, body: BodyInit, json = true): Promise<{ status: number; body: Answer }> {
  const res = await fetch(`${mock!.url}${path}`, { method: "POST", headers: { "api-key": KEY, ...(json ? { "content-type": "application/json" } : {}) }, body });
  return { status: res.status, body: (await res.json()) as Answer };
}

describe("Azure images mock", () => {
  it("generates on a deployment path with the deployment's model rules", async () => {
    await start();
    const ok = await post("/openai/deployments/painter/images/generations?api-version=2024-10-21", JSON.stringify({ prompt: "a fox", size: "1792x1024", quality: "hd" }));
    expect(ok.status).toBe(200);
    expect(ok.body.data[0]!.url).toBeTypeOf("string");
    const bad = await post("/openai/deployments/painter/images/generations?api-version=2024-10-21", JSON.stringify({ prompt: "a fox", n: 2 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("n");
  });

  it("answers Azure's 404s for an unknown deployment or api-version", async () => {
    await start();
    const missing = await post("/openai/deployments/nobody/images/generations?api-version=2024-10-21", JSON.stringify({ prompt: "x" }));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("DeploymentNotFound");
    const version = await post("/openai/deployments/painter/images/generations?api-version=2020-01-01", JSON.stringify({ prompt: "x" }));
    expect(version.body.error.code).toBe("404");
    const v1 = await post("/openai/v1/images/generations", JSON.stringify({ model: "nobody", prompt: "x" }));
    expect(v1.body.error.code).toBe("DeploymentNotFound");
  });

  it("edits with multipart on the v1 path, the form's model naming the deployment", async () => {
    await start();
    const form = new FormData();
    form.append("model", "editor");
    form.append("prompt", "make it blue");
    form.append("image", new Blob([new Uint8Array(makePng(4, 4))], { type: "image/png" }), "in.png");
    const res = await post("/openai/v1/images/edits", form, false);
    expect(res.status).toBe(200);
    expect(res.body.usage!.input_tokens_details.image_tokens).toBe(194);
    expect((mock!.requests[0]!.body as { model: string }).model).toBe("editor");
  });
});
