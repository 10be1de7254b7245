// Kagi through the mock: operators in the query, client-side domain and recency filters,
// HTML snippets as plain text, related searches skipped.
import { describe, expect, it } from "vitest";
import { kagi } from "./kagi.ts";
import { queryOf, request, signal, useMockSearch } from "./test-helpers.ts";

const ctx = useMockSearch();
const search = (over: Parameters<typeof request>[0]) => kagi.search(ctx.http, ctx.target("kagi", "kagi-good"), request(over), signal());

describe("Kagi adapter", () => {
  it("sends a GET with q and limit and the Bot token, and normalizes the results", async () => {
    const out = await search({ query: "solar <panels>", maxResults: 2 });
    expect(out.ok && out.results).toEqual([
      { title: "solar <panels> — result 1", url: "https://docs.example.com/solar-panels/1", snippet: "solar <panels> Result 1 of 2 about solar <panels>.", publishedDate: expect.any(String), provider: "kagi" },
      { title: "solar <panels> — result 2", url: "https://news.example.org/solar-panels/2", snippet: "solar <panels> Result 2 of 2 about solar <panels>.", publishedDate: expect.any(String), provider: "kagi" },
    ]);
    const sent = ctx.last();
    expect(sent).toMatchObject({ provider: "kagi", method: "GET", body: undefined, headers: { authorization: "Bot kagi-good" } });
    expect(sent.path.startsWith("/kagi/search?")).toBe(true);
    expect(Object.fromEntries(queryOf(sent))).toEqual({ q: "solar <panels>", limit: "2" });
  });

  it("turns domains into site: operators and keeps results to them", async () => {
    const included = await search({ maxResults: 6, includeDomains: ["example.org", "example.com"] });
    expect(queryOf(ctx.last()).get("q")).toBe("solar panels site:example.org OR site:example.com");
    expect(included.ok && included.results.map((r) => new URL(r.url).hostname)).toEqual(["docs.example.com", "news.example.org", "docs.example.com", "news.example.org"]);

    const excluded = await search({ maxResults: 6, excludeDomains: ["example.net", "spam.com"] });
    expect(queryOf(ctx.last()).get("q")).toBe("solar panels -site:example.net -site:spam.com");
    expect(excluded.ok && excluded.results.every((r) => !r.url.includes("example.net"))).toBe(true);
  });

  it("drops results published before the recency window", async () => {
    const out = await search({ maxResults: 10, recency: "week" });
    expect(queryOf(ctx.last()).get("limit")).toBe("10");
    expect(out.ok && out.results.map((r) => r.title)).toEqual(["solar panels — result 1", "solar panels — result 2", "solar panels — result 3"]);
  });

  it("validates a key with a one-result search", async () => {
    expect(await kagi.validateKey(ctx.http, ctx.target("kagi", "kagi-good"), signal())).toEqual({ ok: true });
    expect(ctx.last().path).toBe("/kagi/search?q=kagi&limit=1");
  });
});
