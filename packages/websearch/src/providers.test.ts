// What every adapter owes its callers, checked against the mock for each provider: key
// validation outcomes, typed failures, timeouts, connection errors, the SSRF guard, and no
// API key in any failure message.
import { createUpstreamHttp, parseAllowlist } from "@switchyard/providers";
import { describe, expect, it } from "vitest";
import { getSearchProvider, searchProviders } from "./registry.ts";
import { request, signal, useMockSearch } from "./test-helpers.ts";
import type { SearchFailure } from "./types.ts";

const ctx = useMockSearch();

describe("the provider list", () => {
  it("has the four providers, each with https docs and default base URL", () => {
    expect(searchProviders.map((p) => p.id)).toEqual(["tavily", "exa", "kagi", "perplexity"]);
    for (const provider of searchProviders) {
      expect(new URL(provider.docsUrl).protocol).toBe("https:");
      expect(new URL(provider.defaultBaseUrl).protocol).toBe("https:");
    }
  });

  it("finds a provider by id", () => {
    expect(getSearchProvider("kagi")?.name).toBe("Kagi");
    expect(getSearchProvider("bing")).toBeUndefined();
    expect(getSearchProvider("toString")).toBeUndefined();
  });
});

/** A typed failure whose message never contains the API key. */
function expectFailure(out: { ok: boolean }, apiKey: string, expected: Partial<SearchFailure>): void {
  expect(out).toMatchObject({ ok: false, ...expected });
  expect((out as SearchFailure).message).not.toContain(apiKey);
}

describe.each(searchProviders.map((p) => [p.id, p] as const))("%s", (id, provider) => {
  const key = (behaviour: string) => `${id}-${behaviour}-key-123`;
  const validate = (apiKey: string) => provider.validateKey(ctx.http, ctx.target(id, apiKey), signal());
  const search = (apiKey: string) => provider.search(ctx.http, ctx.target(id, apiKey), request(), signal());

  it("validates a good key", async () => {
    expect(await validate(key("good"))).toEqual({ ok: true });
  });

  it("types each rejected key's failure, with the provider's own message", async () => {
    for (const [behaviour, expected] of [
      ["bad", { kind: "auth", status: 401, retryAfter: null }],
      ["forbidden", { kind: "forbidden", status: 403 }],
      ["ratelimited", { kind: "rate_limit", status: 429, retryAfter: "7" }],
      ["down", { kind: "server", status: 500 }],
    ] as const) {
      const out = await validate(key(behaviour));
      expectFailure(out, key(behaviour), expected);
      expect((out as SearchFailure).message).not.toMatch(/^HTTP \d+$/);
    }
  });

  it("types search failures the same way", async () => {
    expectFailure(await search(key("bad")), key("bad"), { kind: "auth", status: 401 });
    expectFailure(await search(key("ratelimited")), key("ratelimited"), { kind: "rate_limit", status: 429, retryAfter: "7" });
  });

  it("reports a provider that does not answer in time as a timeout", async () => {
    const impatient = createUpstreamHttp({ headersTimeoutMs: 200, bodyTimeoutMs: 200, allowlist: parseAllowlist([]) });
    const out = await provider.search(impatient, ctx.target(id, key("slow")), request(), signal());
    await impatient.close();
    expectFailure(out, key("slow"), { kind: "timeout", status: 504 });
  });

  it("reports a closed port as a connection failure", async () => {
    const out = await provider.validateKey(ctx.http, { baseUrl: "http://127.0.0.1:1", apiKey: key("good"), untrustedUrl: false }, signal());
    expectFailure(out, key("good"), { kind: "connection", status: 502 });
  });

  it("refuses a customer URL pointing at this machine", async () => {
    const out = await provider.search(ctx.http, { ...ctx.target(id, key("good")), untrustedUrl: true }, request(), signal());
    expectFailure(out, key("good"), { kind: "client", status: 400 });
  });

  it("rethrows when the caller aborts", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.search(ctx.http, ctx.target(id, key("good")), request(), controller.signal)).rejects.toThrow();
  });
});
