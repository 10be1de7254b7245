// The Anthropic adapter against the Messages API mock: key checks for Anthropic and Foundry,
// the SSRF guard on Foundry endpoints, and failures before a stream's first event.
import { getProvider } from "@switchyard/catalog";
import { type AnthropicMock, startAnthropicMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { parseAllowlist } from "../ssrf.ts";
import type { UpstreamTarget } from "../types.ts";
import { anthropicAdapter } from "./adapter.ts";

let mock: AnthropicMock;
let http: UpstreamHttp;
let guarded: UpstreamHttp;

beforeAll(async () => {
  mock = await startAnthropicMock({ validKeys: ["sk-ant-good", "foundry-good"] });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist(["127.0.0.1"]) });
  guarded = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await guarded.close();
  await mock.close();
});

const anthropic = (secret: string): UpstreamTarget => ({ provider: getProvider("anthropic")!, baseUrl: `${mock.url}/v1`, upstreamModel: "claude-sonnet-4-6", secret, keySource: "byok", untrustedUrl: false });
const foundry = (apiKey: string, endpoint = mock.url): UpstreamTarget => ({
  provider: getProvider("azure-anthropic-foundry")!,
  baseUrl: "https://ignored.example/anthropic/v1",
  upstreamModel: "claude-haiku-4-5",
  secret: JSON.stringify({ endpoint, apiKey }),
  keySource: "byok",
  untrustedUrl: false,
});
const signal = () => new AbortController().signal;
const chat = { model: "x", messages: [{ role: "user", content: "Hi" }] };

describe("Anthropic adapter", () => {
  it("validates Anthropic keys with GET /v1/models", async () => {
    expect(await anthropicAdapter(http).validateKey(anthropic("sk-ant-good"), signal())).toEqual({ ok: true });
    expect(await anthropicAdapter(http).validateKey(anthropic("sk-ant-bad"), signal())).toMatchObject({ ok: false, kind: "auth", status: 401, message: "invalid x-api-key" });
    expect(mock.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/models", headers: { "x-api-key": "sk-ant-bad", "anthropic-version": "2023-06-01" } });
  });

  it("validates Foundry credentials with a 1-token message at the endpoint's /anthropic/v1", async () => {
    expect(await anthropicAdapter(http).validateKey(foundry("foundry-good", `${mock.url}/anthropic`), signal())).toEqual({ ok: true });
    expect(mock.requests.at(-1)).toMatchObject({ method: "POST", path: "/anthropic/v1/messages", body: { model: "claude-haiku-4-5", max_tokens: 1 } });
    expect(await anthropicAdapter(http).validateKey(foundry("foundry-bad"), signal())).toMatchObject({ ok: false, status: 401 });
    const notJson = { ...foundry("x"), secret: "plain-key" };
    expect(await anthropicAdapter(http).validateKey(notJson, signal())).toMatchObject({ ok: false, kind: "auth", code: "invalid_credentials" });
  });

  it("connects to Foundry endpoints through the SSRF guard", async () => {
    const before = mock.requests.length;
    const out = await anthropicAdapter(guarded).chat({ target: foundry("foundry-good"), body: chat, stream: false, signal: signal() });
    expect(out).toMatchObject({ ok: false, kind: "client", code: "upstream_url_refused" });
    expect(mock.requests.length).toBe(before);
  });

  it("turns an error event before any content into a retryable failure", async () => {
    mock.enqueue({ streamError: { type: "overloaded_error", message: "Overloaded", afterEvents: 0 } });
    expect(await anthropicAdapter(http).chat({ target: anthropic("sk-ant-good"), body: chat, stream: true, signal: signal() })).toMatchObject({ ok: false, kind: "server", status: 503, code: "overloaded" });
    mock.enqueue({ streamError: { type: "rate_limit_error", message: "Slow down", afterEvents: 0 } });
    expect(await anthropicAdapter(http).chat({ target: anthropic("sk-ant-good"), body: chat, stream: true, signal: signal() })).toMatchObject({ ok: false, kind: "rate_limit", status: 429, message: "Slow down" });
  });

  it("answers 400 naming the parameter without calling upstream", async () => {
    const before = mock.requests.length;
    const out = await anthropicAdapter(http).chat({ target: anthropic("sk-ant-good"), body: { ...chat, presence_penalty: 1 }, stream: false, signal: signal() });
    expect(out).toMatchObject({ ok: false, kind: "client", status: 400, code: "unsupported_parameter", param: "presence_penalty" });
    expect(mock.requests.length).toBe(before);
  });
});
