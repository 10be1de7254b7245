// Exa through the mock: the request on the wire and the normalized results.
import { describe, expect, it } from "vitest";
import { exa } from "./exa.ts";
import { request, signal, useMockSearch } from "./test-helpers.ts";

const ctx = useMockSearch();
const DAY_MS = 86_400_000;

describe("Exa adapter", () => {
  it("sends Exa's fields, with recency as a computed start date, and normalizes the results", async () => {
    const before = Date.now();
    const out = await exa.search(ctx.http, ctx.target("exa", "exa-good"), request({ maxResults: 2, includeDomains: ["example.com"], excludeDomains: ["spam.com"], recency: "week" }), signal());
    expect(out.ok && out.results).toEqual([
      { title: "solar panels — result 1", url: "https://docs.example.com/solar-panels/1", snippet: "Result 1 of 2 about solar panels.", publishedDate: expect.any(String), score: 0.99, provider: "exa" },
      { title: "solar panels — result 2", url: "https://news.example.org/solar-panels/2", snippet: "Result 2 of 2 about solar panels.", publishedDate: expect.any(String), score: 0.95, provider: "exa" },
    ]);
    const sent = ctx.last();
    expect(sent).toMatchObject({ provider: "exa", method: "POST", path: "/exa/search" });
    expect(sent.headers).toMatchObject({ "x-api-key": "exa-good", "content-type": "application/json" });
    expect(sent.headers).not.toHaveProperty("authorization");
    const body = sent.body as Record<string, unknown>;
    expect(body).toMatchObject({ query: "solar panels", numResults: 2, type: "auto", includeDomains: ["example.com"], excludeDomains: ["spam.com"], contents: { highlights: true } });
    const start = Date.parse(body.startPublishedDate as string);
    expect(start).toBeGreaterThanOrEqual(before - 7 * DAY_MS);
    expect(start).toBeLessThanOrEqual(Date.now() - 7 * DAY_MS);
  });

  it("picks the search type from exaMode, else from depth", async () => {
    await exa.search(ctx.http, ctx.target("exa", "exa-good"), request({ depth: "advanced" }), signal());
    expect(ctx.last().body).toEqual({ query: "solar panels", numResults: 3, type: "deep", contents: { highlights: true } });
    await exa.search(ctx.http, ctx.target("exa", "exa-good"), request({ depth: "advanced", exaMode: "neural" }), signal());
    expect(ctx.last().body).toMatchObject({ type: "neural" });
  });

  it("validates a key with a one-result search without contents", async () => {
    expect(await exa.validateKey(ctx.http, ctx.target("exa", "exa-good"), signal())).toEqual({ ok: true });
    expect(ctx.last()).toMatchObject({ method: "POST", path: "/exa/search", body: { query: "exa", numResults: 1 } });
  });
});
