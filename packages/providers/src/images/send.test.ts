// The images requests against the OpenAI-compatible and Azure mocks: JSON generations and
// multipart edits (files and fields arrive intact), the upstream model or Azure deployment,
// error bodies turned into failures, and protocols without an images API.
import { getProvider } from "@switchyard/catalog";
import { makePng, startAzureMock, startMockUpstream, type AzureMock, type MockUpstream } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { sendImages } from "./send.ts";

let openai: MockUpstream;
let azure: AzureMock;
let http: UpstreamHttp;
beforeAll(async () => {
  openai = await startMockUpstream({ validKeys: ["sk-openai"] });
  azure = await startAzureMock({ apiKeys: ["az-key"], deployments: { painter: "dall-e-3", editor: "gpt-image-1", "gpt-image-1": "gpt-image-1" } });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await openai.close();
  await azure.close();
});
beforeEach(() => {
  openai.reset();
  azure.reset();
});

const openaiTarget = (upstreamModel: string, secret = "sk-openai"): UpstreamTarget => ({
  provider: getProvider("openai")!, baseUrl: `${openai.url}/openai/v1`, upstreamModel, secret, keySource: "credits", untrustedUrl: false,
});
const azureTarget = (upstreamModel: string, apiVersion = "2025-04-01-preview", more: Record<string, string> = {}): UpstreamTarget => ({
  provider: getProvider("azure")!, baseUrl: getProvider("azure")!.baseUrl, upstreamModel,
  secret: JSON.stringify({ endpoint: azure.url, apiKey: "az-key", deploymentName: "chat-4o", apiVersion, ...more }), keySource: "credits", untrustedUrl: false,
});
const signal = () => new AbortController().signal;

describe("sendImages", () => {
  it("posts generations as JSON with the upstream model and returns the answer as sent", async () => {
    const outcome = await sendImages(http, openaiTarget("dall-e-3"), { operation: "generations", body: { model: "openai/dall-e-3", prompt: "a fox", quality: "hd" } }, signal());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect((outcome.value.data as { url: string }[])[0]!.url).toMatch(/^https:/);
    expect(openai.requests[0]).toMatchObject({ path: "/openai/v1/images/generations", headers: { authorization: "Bearer sk-openai", "content-type": "application/json" } });
    expect(openai.requests[0]!.body).toEqual({ model: "dall-e-3", prompt: "a fox", quality: "hd" });
  });

  it("posts edits as multipart: fields, several images and the mask arrive intact", async () => {
    const files = [
      { field: "image[]", filename: "a.png", contentType: "image/png", bytes: makePng(4, 4) },
      { field: "image[]", filename: "b.png", contentType: "image/png", bytes: makePng(8, 8) },
      { field: "mask", filename: "m.png", contentType: "image/png", bytes: makePng(4, 4) },
    ];
    const outcome = await sendImages(http, openaiTarget("gpt-image-1"), { operation: "edits", fields: [["model", "client-model"], ["prompt", "blend \"them\""], ["n", "2"]], files }, signal());
    expect(outcome.ok).toBe(true);
    const seen = openai.requests[0]!.body as { model: string; prompt: string; n: number; files: { field: string; filename: string; size: number }[] };
    expect(seen).toMatchObject({ model: "gpt-image-1", prompt: "blend \"them\"", n: 2 });
    expect(seen.files).toEqual(files.map((f) => ({ field: f.field, filename: f.filename, mimeType: "image/png", size: f.bytes.length })));
    if (outcome.ok) expect(outcome.value.usage).toMatchObject({ input_tokens_details: { image_tokens: 2 * 194 } });
  });

  it("turns an upstream refusal into a client failure with OpenAI's message, and a bad key into auth", async () => {
    const refused = await sendImages(http, openaiTarget("dall-e-3"), { operation: "generations", body: { prompt: "x", n: 3 } }, signal());
    expect(refused).toMatchObject({ ok: false, kind: "client", status: 400, param: "n" });
    const denied = await sendImages(http, openaiTarget("dall-e-3", "sk-wrong"), { operation: "generations", body: { prompt: "x" } }, signal());
    expect(denied).toMatchObject({ ok: false, kind: "auth", status: 401, code: "invalid_api_key" });
  });

  it("addresses Azure deployments (dated and v1 paths) with api-key: the key's imageDeploymentName, else one named after the model, never the chat deployment", async () => {
    const dated = await sendImages(http, azureTarget("dall-e-3", "2024-10-21", { imageDeploymentName: "painter" }), { operation: "generations", body: { prompt: "a fox", size: "1792x1024" } }, signal());
    expect(dated.ok).toBe(true);
    expect(azure.requests[0]).toMatchObject({ path: "/openai/deployments/painter/images/generations?api-version=2024-10-21", headers: { "api-key": "az-key" } });
    const named = await sendImages(http, azureTarget("gpt-image-1", "2024-10-21"), { operation: "generations", body: { prompt: "a fox" } }, signal());
    expect(named.ok).toBe(true);
    expect(azure.requests[1]!.path).toBe("/openai/deployments/gpt-image-1/images/generations?api-version=2024-10-21");
    const v1 = await sendImages(http, azureTarget("gpt-image-1", "v1", { imageDeploymentName: "editor" }), { operation: "edits", fields: [["prompt", "blue"]], files: [{ field: "image", filename: "a.png", contentType: "image/png", bytes: makePng(2, 2) }] }, signal());
    expect(v1.ok).toBe(true);
    expect(azure.requests[2]!.path).toBe("/openai/v1/images/edits");
    expect((azure.requests[2]!.body as { model: string }).model).toBe("editor");
  });

  it("refuses protocols without an images API, naming the provider and endpoint", async () => {
    const target = { ...openaiTarget("x"), provider: getProvider("anthropic")! };
    const outcome = await sendImages(http, target, { operation: "generations", body: { prompt: "x" } }, signal());
    expect(outcome).toMatchObject({ ok: false, kind: "client", status: 400, code: "endpoint_not_supported" });
    if (!outcome.ok) expect(outcome.message).toBe("Anthropic does not offer /v1/images/generations.");
  });
});
