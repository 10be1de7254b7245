// The Azure adapters against the Azure OpenAI and Responses mocks: addressing from JSON
// credentials, api-version generations, annotation chunks, failures, the SSRF guard, key checks.
import { getProvider } from "@switchyard/catalog";
import { startAzureMock, startResponsesMock, type AzureMock, type ResponsesMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { responsesAdapter } from "../openai-responses/adapter.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { azureAdapter } from "./adapter.ts";
import { azureResponsesRoute } from "./responses-route.ts";

let azure: AzureMock;
let responses: ResponsesMock;
let http: UpstreamHttp;
beforeAll(async () => {
  azure = await startAzureMock({ apiKeys: ["az-key"], deployments: { "my-4o-mini": "gpt-4o-mini-2024-07-18" } });
  responses = await startResponsesMock({ validKeys: ["az-key"] });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await azure.close();
  await responses.close();
});
beforeEach(() => {
  azure.reset();
  responses.reset();
});

const creds = (over: Record<string, string> = {}) => JSON.stringify({ endpoint: `${azure.url}/`, apiKey: "az-key", deploymentName: "my-4o-mini", apiVersion: "2024-10-21", ...over });
const target = (secret: string, over: Partial<UpstreamTarget> = {}): UpstreamTarget => ({
  provider: getProvider("azure")!, baseUrl: getProvider("azure")!.baseUrl, upstreamModel: "gpt-4o-mini", secret, keySource: "credits", untrustedUrl: false, ...over,
});
const signal = () => new AbortController().signal;
const chat = (secret: string, stream: boolean, body: Record<string, unknown> = {}, over: Partial<UpstreamTarget> = {}) =>
  azureAdapter(http).chat({ target: target(secret, over), body: { model: "azure/gpt-4o-mini", messages: [{ role: "user", content: "Hi" }], ...body }, stream, signal: signal() });

async function collect(outcome: UpstreamOutcome): Promise<string[]> {
  if (!outcome.ok || !outcome.stream) throw new Error(`expected a stream: ${JSON.stringify(outcome)}`);
  const out = [];
  for await (const data of outcome.events) out.push(data);
  return out;
}

describe("Azure OpenAI chat adapter", () => {
  it("calls the deployment with api-key and api-version; the answer names the deployment's model", async () => {
    const outcome = await chat(creds(), false, { max_completion_tokens: 50 });
    expect(azure.requests[0]).toMatchObject({ path: "/openai/deployments/my-4o-mini/chat/completions?api-version=2024-10-21", headers: { "api-key": "az-key" } });
    expect(azure.requests[0]!.headers).not.toHaveProperty("authorization");
    expect(azure.requests[0]!.body).toMatchObject({ model: "my-4o-mini", max_completion_tokens: 50 });
    expect(outcome).toMatchObject({ ok: true, completion: { model: "gpt-4o-mini-2024-07-18", usage: { prompt_tokens: expect.any(Number) } } });
  });

  it("streams OpenAI chunks: usage asked for, Azure's annotation-only chunks dropped", async () => {
    azure.enqueue({ asyncFilter: true });
    const chunks = (await collect(await chat(creds(), true))).map((d) => JSON.parse(d) as { id: string; choices: Array<Record<string, unknown>>; usage?: unknown });
    expect(azure.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(chunks.every((c) => c.id !== "")).toBe(true);
    expect(chunks.every((c) => c.choices.every((choice) => "delta" in choice))).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });
  });

  it("speaks older api-versions (no stream_options, max_tokens) and the v1 API (model = deployment)", async () => {
    await collect(await chat(creds({ apiVersion: "2024-06-01" }), true, { max_completion_tokens: 20, stream_options: { include_usage: true } }));
    expect(azure.requests[0]!.body).not.toHaveProperty("stream_options");
    expect(azure.requests[0]!.body).toMatchObject({ max_tokens: 20 });
    expect(await chat(creds({ apiVersion: "v1" }), false)).toMatchObject({ ok: true });
    expect(azure.requests[1]).toMatchObject({ path: "/openai/v1/chat/completions", body: { model: "my-4o-mini" } });
  });

  it("classifies Azure's failures: rate limit with retry-after, content filter, missing deployment, bad credentials", async () => {
    azure.enqueue({ error: { status: 429, headers: { "retry-after": "" } } }, { promptFiltered: true });
    expect(await chat(creds(), false)).toMatchObject({ ok: false, kind: "rate_limit", status: 429, retryAfter: "2" });
    expect(await chat(creds(), false)).toMatchObject({ ok: false, kind: "client", status: 400, code: "content_filter", param: "prompt" });
    expect(await chat(creds({ deploymentName: "nope" }), false)).toMatchObject({ ok: false, kind: "client", status: 404, code: "DeploymentNotFound" });
    expect(await chat(creds({ apiKey: "wrong" }), false)).toMatchObject({ ok: false, kind: "auth", status: 401 });
    const broken = await chat("az-key", false);
    expect(broken).toMatchObject({ ok: false, kind: "auth", code: "invalid_credentials" });
    expect(JSON.stringify(broken)).not.toContain("az-key");
    expect(await chat(JSON.stringify({ endpoint: azure.url, apiKey: "az-key", apiVersion: "2024-10-21" }), false)).toMatchObject({ ok: false, message: expect.stringContaining("deploymentName") });
  });

  it("treats an organization's endpoint as untrusted (SSRF guard) and validates keys with a one-token completion", async () => {
    expect(await chat(creds(), false, {}, { keySource: "byok" })).toMatchObject({ ok: false, code: "upstream_url_refused" });
    expect(azure.requests).toHaveLength(0);
    const allowed = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist(["127.0.0.1"]) });
    try {
      expect(await azureAdapter(allowed).validateKey(target(creds(), { keySource: "byok" }), signal())).toEqual({ ok: true });
      expect(azure.requests[0]!.body).toMatchObject({ max_completion_tokens: 1, messages: [{ role: "user" }] });
      expect(await azureAdapter(allowed).validateKey(target(creds({ deploymentName: "typo" }), { keySource: "byok" }), signal())).toMatchObject({ ok: false, status: 404 });
    } finally {
      await allowed.close();
    }
  });
});

describe("Azure OpenAI Responses adapter", () => {
  const rcreds = (apiVersion: string) => JSON.stringify({ endpoint: responses.url, apiKey: "az-key", apiVersion });
  const rtarget = (secret: string): UpstreamTarget => ({
    provider: getProvider("azure-responses")!, baseUrl: getProvider("azure-responses")!.baseUrl, upstreamModel: "gpt-4.1", secret, keySource: "credits", untrustedUrl: false,
  });
  const adapter = () => responsesAdapter(http, azureResponsesRoute);

  it("posts to /openai/v1/responses or the dated path with api-key, the model as deployment", async () => {
    const body = { messages: [{ role: "user", content: "Hi" }] };
    expect(await adapter().chat({ target: rtarget(rcreds("v1")), body, stream: false, signal: signal() })).toMatchObject({ ok: true });
    expect(await adapter().chat({ target: rtarget(rcreds("2025-04-01-preview")), body, stream: false, signal: signal() })).toMatchObject({ ok: true });
    expect(responses.requests.map((r) => r.path)).toEqual(["/openai/v1/responses", "/openai/responses?api-version=2025-04-01-preview"]);
    for (const r of responses.requests) expect(r).toMatchObject({ headers: { "api-key": "az-key" }, body: { model: "gpt-4.1" } });
  });

  it("validates keys by listing models", async () => {
    expect(await adapter().validateKey(rtarget(rcreds("v1")), signal())).toEqual({ ok: true });
    expect(responses.requests.at(-1)).toMatchObject({ method: "GET", path: "/openai/v1/models" });
    expect(await adapter().validateKey(rtarget(JSON.stringify({ endpoint: responses.url, apiKey: "nope", apiVersion: "v1" })), signal())).toMatchObject({ ok: false, kind: "auth" });
  });
});
