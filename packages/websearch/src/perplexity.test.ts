// Perplexity through the mock: the request on the wire and the normalized results.
import { describe, expect, it } from "vitest";
import { perplexity } from "./perplexity.ts";
import { request, signal, useMockSearch } from "./test-helpers.ts";

const ctx = useMockSearch();
const search = (over: Parameters<typeof request>[0]) => perplexity.search(ctx.http, ctx.target("perplexity", "pplx-good"), request(over), signal());

describe("Perplexity adapter", () => {
  it("sends Perplexity's fields and normalizes the results", async () => {
    const out = await search({ maxResults: 2, depth: "advanced", includeDomains: ["example.com", "example.org"], recency: "month" });
    const today = new Date().toISOString().slice(0, 10);
    expect(out.ok && out.results).toEqual([
      { title: "solar panels — result 1", url: "https://docs.example.com/solar-panels/1", snippet: "Result 1 of 2 about solar panels.", publishedDate: today, provider: "perplexity" },
      { title: "solar panels — result 2", url: "https://news.example.org/solar-panels/2", snippet: "Result 2 of 2 about solar panels.", publishedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), provider: "perplexity" },
    ]);
    const sent = ctx.last();
    expect(sent).toMatchObject({ provider: "perplexity", method: "POST", path: "/perplexity/search" });
    expect(sent.headers).toMatchObject({ authorization: "Bearer pplx-good", "content-type": "application/json" });
    expect(sent.body).toEqual({ query: "solar panels", max_results: 2, search_context_size: "high", search_domain_filter: ["example.com", "example.org"], search_recency_filter: "month" });
  });

  it("sends excluded domains as a denylist, and never mixes both lists", async () => {
    await search({ excludeDomains: ["spam.com", "ads.net"] });
    expect(ctx.last().body).toEqual({ query: "solar panels", max_results: 3, search_context_size: "low", search_domain_filter: ["-spam.com", "-ads.net"] });
    await search({ includeDomains: ["example.com"], excludeDomains: ["spam.com"] });
    expect(ctx.last().body).toMatchObject({ search_domain_filter: ["example.com"] });
  });

  it("validates a key with a one-result search", async () => {
    expect(await perplexity.validateKey(ctx.http, ctx.target("perplexity", "pplx-good"), signal())).toEqual({ ok: true });
    expect(ctx.last()).toMatchObject({ method: "POST", path: "/perplexity/search", body: { query: "perplexity", max_results: 1 } });
  });
});
