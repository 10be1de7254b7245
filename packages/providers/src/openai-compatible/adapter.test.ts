// The OpenAI-compatible adapter against the mock upstream: key validation, request shaping,
// failure classification, and the SSRF guard for tenant URLs.
import { defineOpenAICompatible } from "@switchyard/catalog";
import { startMockUpstream, type MockUpstream } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpstreamHttp, type UpstreamHttp } from "../http.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAllowlist } from "../ssrf.ts";
import { StreamInterruptedError } from "../sse.ts";
import type { UpstreamTarget } from "../types.ts";
import { openAICompatibleAdapter } from "./adapter.ts";

let mock: MockUpstream;
let http: UpstreamHttp;
const provider = defineOpenAICompatible({ id: "acme", name: "Acme", baseUrl: "https://api.acme.test/v1", docsUrl: "https://acme.test", quirks: { maxTokensOnly: true, dropParams: ["logit_bias"] } });

beforeAll(async () => {
  mock = await startMockUpstream({ validKeys: ["sk-good"] });
  http = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]) });
});
afterAll(async () => {
  await http.close();
  await mock.close();
});

const target = (secret: string, over: Partial<UpstreamTarget> = {}): UpstreamTarget => ({
  provider, baseUrl: `${mock.url}/v1`, upstreamModel: "acme-large", secret, keySource: "byok", untrustedUrl: false, ...over,
});
const adapter = () => openAICompatibleAdapter(http);
const signal = () => new AbortController().signal;

describe("OpenAI-compatible adapter", () => {
  it("validates a key with the provider's small request", async () => {
    expect(await adapter().validateKey(target("sk-good"), signal())).toEqual({ ok: true });
    expect(await adapter().validateKey(target("sk-bad"), signal())).toMatchObject({ ok: false, kind: "auth", status: 401 });
    expect(mock.requests.at(-1)!.path).toBe("/v1/models");
  });

  it("applies quirks: upstream model id, max_tokens only, dropped parameters, usage on streams", async () => {
    const out = await adapter().chat({ target: target("sk-good"), body: { model: "mine", messages: [{ role: "user", content: "x" }], max_completion_tokens: 9, logit_bias: { "1": 2 }, top_k: 3 }, stream: true, signal: signal() });
    expect(out.ok && out.stream).toBe(true);
    if (out.ok && out.stream) for await (const _ of out.events) void _;
    const body = mock.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: "acme-large", max_tokens: 9, top_k: 3, stream: true, stream_options: { include_usage: true } });
    expect(body).not.toHaveProperty("max_completion_tokens");
    expect(body).not.toHaveProperty("logit_bias");
  });

  it("classifies failures: rate limit with retry-after, server error, connection refused", async () => {
    mock.enqueue({ error: { status: 429 } }, { error: { status: 500 } });
    const body = { model: "m", messages: [{ role: "user", content: "x" }] };
    expect(await adapter().chat({ target: target("sk-good"), body, stream: false, signal: signal() })).toMatchObject({ ok: false, kind: "rate_limit", status: 429, retryAfter: expect.any(String) });
    expect(await adapter().chat({ target: target("sk-good"), body, stream: false, signal: signal() })).toMatchObject({ ok: false, kind: "server", status: 500 });
    expect(await adapter().chat({ target: target("sk-good", { baseUrl: "http://127.0.0.1:1/v1" }), body, stream: false, signal: signal() })).toMatchObject({ ok: false, kind: "connection", status: 502 });
  });

  it("cuts off a successful answer larger than the gateway reads: a 502 that says so, and the client stays usable", async () => {
    const small = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]), maxResponseBytes: 4096 });
    try {
      const ask = (text: string) => openAICompatibleAdapter(small).chat({ target: target("sk-good"), body: { model: "m", messages: [{ role: "user", content: text }] }, stream: false, signal: signal() });
      expect(await ask("hi")).toMatchObject({ ok: true, stream: false });
      expect(await ask(`[[mock:reply=${"x".repeat(8000)}]]`)).toMatchObject({
        ok: false,
        kind: "connection",
        status: 502,
        message: "The upstream provider's answer is larger than 4096 bytes, the most this gateway reads (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB).",
      });
      expect(await ask("again")).toMatchObject({ ok: true, stream: false });
    } finally {
      await small.close();
    }
  });

  it("cuts off a stream whose event never ends at the limit, and releases the upstream connection", async () => {
    let closed!: () => void;
    const upstreamClosed = new Promise<void>((resolve) => (closed = resolve));
    // An upstream that starts an event and never ends it.
    const endless = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: ");
      const timer = setInterval(() => res.write("x".repeat(16 * 1024)), 1);
      res.once("close", () => {
        clearInterval(timer);
        closed();
      });
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const small = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist([]), maxResponseBytes: 64 * 1024 });
    try {
      const baseUrl = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/v1`;
      const out = await openAICompatibleAdapter(small).chat({ target: target("sk-good", { baseUrl }), body: { model: "m", messages: [{ role: "user", content: "x" }] }, stream: true, signal: signal() });
      if (!out.ok || !out.stream) throw new Error("expected a stream");
      const read = async () => {
        for await (const _ of out.events) void _;
      };
      await expect(read()).rejects.toThrow(new StreamInterruptedError("The upstream provider sent a stream event larger than 65536 bytes, the most this gateway holds (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB)."));
      await upstreamClosed;
    } finally {
      await small.close();
      endless.closeAllConnections();
      await new Promise((resolve) => endless.close(resolve));
    }
  });

  it("refuses a tenant URL that points at this machine unless the operator allows it", async () => {
    const body = { model: "m", messages: [{ role: "user", content: "x" }] };
    const refused = await adapter().chat({ target: target("sk-good", { untrustedUrl: true }), body, stream: false, signal: signal() });
    expect(refused).toMatchObject({ ok: false, kind: "client", code: "upstream_url_refused" });
    const allowed = createUpstreamHttp({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000, allowlist: parseAllowlist(["127.0.0.1"]) });
    const ok = await openAICompatibleAdapter(allowed).chat({ target: target("sk-good", { untrustedUrl: true }), body, stream: false, signal: signal() });
    expect(ok.ok).toBe(true);
    await allowed.close();
  });
});
