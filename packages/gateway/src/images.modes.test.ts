// Images under every project mode and BYOK control, through the official OpenAI SDK, generations
// (JSON, byok_conf in the body) and edits (multipart, byok_conf as a JSON text field): which key
// the upstream saw, how many attempts, and who was billed (credits: the per-image cost; own key:
// the 5% markup). Also Azure image deployments through the Azure mock, and a provider that does
// not offer images.
import { Decimal } from "decimal.js";
import OpenAI, { toFile } from "openai";
import { makePng, startAzureMock, type AzureMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";
import { type SdkAnswer, sdkAnswer } from "./testing/sdk-answer.ts";

let h: Harness;
let azure: AzureMock;
beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: ["org-az-key", "house-az-key"], deployments: { "dall-e-3": "dall-e-3", editor: "gpt-image-1" } });
  h = await startHarness({
    allowlist: ["127.0.0.1"],
    houseKeys: ["openai", "azure"],
    houseKeySecrets: { azure: JSON.stringify({ endpoint: azure.url, apiKey: "house-az-key", deploymentName: "chat-4o", apiVersion: "2024-10-21" }) },
  });
}, 60_000);
afterAll(async () => {
  await h.close();
  await azure.close();
});

const ORG = "sk-org-openai-111122223333";
const INLINE = "sk-inline-openai-444455556666";
const HOUSE = "house-openai";

interface Row {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  orgKey: boolean;
  headers?: Record<string, string>;
  byokConf?: { provider: string; credentials: string; fallback?: boolean };
  failing?: Record<string, number>;
  expect: { keys: string[]; source: "credits" | "byok" } | { error: number; code: string; keys: string[] };
}

const rows: Row[] = [
  { name: "credits uses the house key", mode: "credits", orgKey: true, expect: { keys: [HOUSE], source: "credits" } },
  { name: "credits + x-use-byok uses the org key", mode: "credits", orgKey: true, headers: { "x-use-byok": "true" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok uses the org key", mode: "byok", orgKey: true, expect: { keys: [ORG], source: "byok" } },
  { name: "byok without a key", mode: "byok", orgKey: false, expect: { error: 400, code: "provider_key_required", keys: [] } },
  { name: "byok never falls back to credits", mode: "byok", orgKey: true, failing: { [ORG]: 429 }, expect: { error: 429, code: "rate_limited", keys: [ORG] } },
  { name: "hybrid prefers the org key", mode: "hybrid", orgKey: true, expect: { keys: [ORG], source: "byok" } },
  { name: "hybrid without a key uses credits", mode: "hybrid", orgKey: false, expect: { keys: [HOUSE], source: "credits" } },
  { name: "hybrid falls back to credits on a rejected org key", mode: "hybrid", orgKey: true, failing: { [ORG]: 401 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "hybrid falls back on an org key's server error", mode: "hybrid", orgKey: true, failing: { [ORG]: 500 }, expect: { keys: [ORG, HOUSE], source: "credits" } },
  { name: "x-byok-provider forces the provider's own key", mode: "hybrid", orgKey: true, headers: { "x-byok-provider": "openai" }, expect: { keys: [ORG], source: "byok" } },
  { name: "byok_conf inline credentials in credits mode", mode: "credits", orgKey: false, byokConf: { provider: "openai", credentials: INLINE }, expect: { keys: [INLINE], source: "byok" } },
  { name: "byok_conf falls back to credits by default", mode: "hybrid", orgKey: false, byokConf: { provider: "openai", credentials: INLINE }, failing: { [INLINE]: 429 }, expect: { keys: [INLINE, HOUSE], source: "credits" } },
  { name: "a rejected inline key without fallback is a 403", mode: "credits", orgKey: false, byokConf: { provider: "openai", credentials: INLINE, fallback: false }, failing: { [INLINE]: 401 }, expect: { error: 403, code: "provider_key_rejected", keys: [INLINE] } },
];

async function prepare(row: Row): Promise<string> {
  const apiKey = await h.project(row.mode);
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId, providerId: "openai" } });
  h.caches.orgKeys.invalidate(h.orgId);
  if (row.orgKey) await h.setOrgKey("openai", ORG);
  h.mock.reset();
  h.events.length = 0;
  h.mock.script((req) => {
    const status = row.failing?.[req.headers.authorization?.replace("Bearer ", "") ?? ""];
    return status ? { error: { status } } : undefined;
  });
  return apiKey;
}

const sdk = (apiKey: string, headers: Record<string, string> = {}) => new OpenAI({ apiKey, baseURL: `${h.url}/v1`, maxRetries: 0, defaultHeaders: headers });
const png = () => toFile(makePng(4, 4), "in.png", { type: "image/png" });

function generate(apiKey: string, row: Row): Promise<SdkAnswer> {
  const body = { model: "dall-e-3", prompt: "which key?", quality: "hd" as const, ...(row.byokConf ? { byok_conf: row.byokConf } : {}) };
  return sdkAnswer(sdk(apiKey, row.headers).images.generate(body).withResponse());
}

async function edit(apiKey: string, row: Row): Promise<SdkAnswer> {
  // Multipart: byok_conf is a JSON text field.
  const body = { model: "dall-e-2", prompt: "which key?", size: "512x512" as const, image: await png(), ...(row.byokConf ? { byok_conf: JSON.stringify(row.byokConf) } : {}) };
  return sdkAnswer(sdk(apiKey, row.headers).images.edit(body).withResponse());
}

const operations = [
  { operation: "generations", send: generate, cost: "0.08" },
  { operation: "edits", send: edit, cost: "0.018" },
] as const;

describe.each(operations)("images.$operation", ({ operation, send, cost }) => {
  it.each(rows)("$name", async (row) => {
    const res = await send(await prepare(row), row);
    expect(res.text).not.toContain(INLINE);
    expect(res.text).not.toContain(ORG);
    expect(h.mock.requests.map((r) => r.headers.authorization?.replace("Bearer ", ""))).toEqual(row.expect.keys);
    if ("error" in row.expect) {
      expect(res.status).toBe(row.expect.error);
      expect(res.code).toBe(row.expect.code);
      expect(h.events.every((e) => e.amountBilled === "0.0000000000")).toBe(true);
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get("x-switchyard-key-source")).toBe(row.expect.source);
    expect(res.headers.get("x-switchyard-attempts")).toBe(String(row.expect.keys.length));
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: `images.${operation}`, keySource: row.expect.source, attempts: row.expect.keys.length });
    expect(event.cost.total).toBe(new Decimal(cost).toFixed(10));
    if (row.expect.source === "credits") {
      expect(event.amountBilled).toBe(new Decimal(cost).toFixed(10));
      expect(res.usage).toMatchObject({ key_source: "credits", billed_usd: Number(cost) });
    } else {
      expect(event.amountBilled).toBe(new Decimal(cost).times("0.05").toFixed(10));
      expect(res.usage).toMatchObject({ key_source: "byok", is_byok: true, cost_usd_total: Number(cost) });
    }
  });
});

describe("Azure image deployments", () => {
  it("sends azure/dall-e-3 to the deployment named after the model (not the chat deployment) with the house key's api-key, priced as dall-e-3", async () => {
    h.events.length = 0;
    azure.reset();
    const res = await sdk(await h.project("credits")).images.generate({ model: "azure/dall-e-3", prompt: "a harbour", size: "1792x1024" });
    expect(azure.requests[0]).toMatchObject({ path: "/openai/deployments/dall-e-3/images/generations?api-version=2024-10-21", headers: { "api-key": "house-az-key" } });
    expect(res.usage).toMatchObject({ cost_usd_total: 0.08 });
    expect(h.events[0]).toMatchObject({ providerId: "azure", endpoint: "images.generations", units: { images: 1, imageVariant: "standard:1792x1024" } });
  });

  it("edits with an organization's Azure key on its imageDeploymentName, v1 path (the deployment as model), billed by tokens", async () => {
    h.events.length = 0;
    azure.reset();
    const apiKey = await h.project("byok");
    await h.setOrgKey("azure", JSON.stringify({ endpoint: azure.url, apiKey: "org-az-key", deploymentName: "chat-4o", imageDeploymentName: "editor", apiVersion: "v1" }));
    const res = await sdk(apiKey).images.edit({ model: "azure/gpt-image-1", prompt: "make it blue", image: await png() });
    expect(res.data).toHaveLength(1);
    expect(azure.requests[0]).toMatchObject({ path: "/openai/v1/images/edits", headers: { "api-key": "org-az-key" } });
    expect((azure.requests[0]!.body as { model: string }).model).toBe("editor");
    const event = h.events[0]!;
    expect(event).toMatchObject({ keySource: "byok", units: { imageInputTokens: 194, imageOutputTokens: 1056 } });
    expect(new Decimal(event.amountBilled).equals(new Decimal(event.cost.total).times("0.05"))).toBe(true);
  });
});

describe("providers without images", () => {
  it("a provider that does not offer images is a 400 naming the provider; no upstream is called", async () => {
    const apiKey = await h.project("credits");
    h.mock.reset();
    const error = (await sdk(apiKey, { "x-byok-provider": "groq" }).images.generate({ model: "dall-e-3", prompt: "x" }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error).toMatchObject({ status: 400, code: "endpoint_not_supported", param: "model" });
    expect(error.message).toContain("Groq (groq) does not offer POST /v1/images/generations");
    expect(h.mock.requests).toHaveLength(0);
  });
});
