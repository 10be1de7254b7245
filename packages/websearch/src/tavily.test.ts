// Tavily through the mock: the request on the wire and the normalized results.
import { describe, expect, it } from "vitest";
import { tavily } from "./tavily.ts";
import { request, signal, useMockSearch } from "./test-helpers.ts";

const ctx = useMockSearch();

describe("Tavily adapter", () => {
  it("sends every filter in Tavily's own fields and normalizes the results", async () => {
    const out = await tavily.search(ctx.http, ctx.target("tavily", "tvly-good"), request({ depth: "advanced", includeDomains: ["example.com"], excludeDomains: ["spam.com"], recency: "week" }), signal());
    expect(out.ok && out.results).toEqual([
      { title: "solar panels — result 1", url: "https://docs.example.com/solar-panels/1", snippet: "Result 1 of 3 about solar panels.", score: 0.99, provider: "tavily" },
      { title: "solar panels — result 2", url: "https://news.example.org/solar-panels/2", snippet: "Result 2 of 3 about solar panels.", score: 0.95, provider: "tavily" },
      { title: "solar panels — result 3", url: "https://blog.example.net/solar-panels/3", snippet: "Result 3 of 3 about solar panels.", score: 0.91, provider: "tavily" },
    ]);
    const sent = ctx.last();
    expect(sent).toMatchObject({ provider: "tavily", method: "POST", path: "/tavily/search" });
    expect(sent.headers).toMatchObject({ authorization: "Bearer tvly-good", "content-type": "application/json" });
    expect(sent.body).toEqual({ query: "solar panels", max_results: 3, search_depth: "advanced", include_domains: ["example.com"], exclude_domains: ["spam.com"], time_range: "week" });
  });

  it("leaves out filters that were not asked for", async () => {
    await tavily.search(ctx.http, ctx.target("tavily", "tvly-good"), request({ maxResults: 7 }), signal());
    expect(ctx.last().body).toEqual({ query: "solar panels", max_results: 7, search_depth: "basic" });
  });

  it("validates a key with the free usage endpoint", async () => {
    expect(await tavily.validateKey(ctx.http, ctx.target("tavily", "tvly-good"), signal())).toEqual({ ok: true });
    expect(ctx.last()).toMatchObject({ method: "GET", path: "/tavily/usage", headers: { authorization: "Bearer tvly-good" } });
  });
});
