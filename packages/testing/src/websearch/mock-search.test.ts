// The search mock refuses what each real API refuses: unknown fields, wrong types, out-of-range
// result counts and values outside an enum, each with a 400 in that provider's own error body
// naming the field; it checks the auth header of each provider, and accepts well-formed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockSearchUpstream, type MockSearchUpstream } from "../index.ts";

let mock: MockSearchUpstream;
beforeAll(async () => {
  mock = await startMockSearchUpstream();
});
afterAll(() => mock.close());

function post(provider: "tavily" | "exa" | "perplexity", body: unknown, headers: Record<string, string>): Promise<Response> {
  return fetch(`${mock.baseUrl(provider)}/search`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

const kagi = (query: string, headers: Record<string, string> = { authorization: "Bot kagi-good" }): Promise<Response> =>
  fetch(`${mock.baseUrl("kagi")}/search?${query}`, { headers });

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** The message of an error body, in the provider's own shape (which is asserted here). */
async function errorMessage(provider: string, res: Response): Promise<string> {
  const body = (await res.json()) as Record<string, unknown>;
  if (provider === "tavily") return (body.detail as { error: string }).error;
  if (provider === "exa") {
    expect(body).toMatchObject({ requestId: expect.any(String), tag: expect.any(String) });
    return body.error as string;
  }
  if (provider === "kagi") {
    expect(body).toMatchObject({ meta: expect.any(Object), data: null });
    return (body.error as Array<{ msg: string }>)[0]!.msg;
  }
  expect(body).toMatchObject({ error: { type: expect.any(String), code: expect.any(String) } });
  return (body.error as { message: string }).message;
}

describe.each([
  ["tavily", { query: "q" }],
  ["exa", { query: "q" }],
  ["perplexity", { query: "q" }],
] as const)("%s body validation", (provider, ok) => {
  const refusals: Record<typeof provider, Array<[string, Record<string, unknown>, string]>> = {
    tavily: [
      ["an unknown field", { ...ok, num_results: 3 }, "num_results"],
      ["a missing query", {}, "query"],
      ["max_results above 20", { ...ok, max_results: 21 }, "max_results"],
      ["max_results as a string", { ...ok, max_results: "5" }, "max_results"],
      ["an unknown search_depth", { ...ok, search_depth: "deep" }, "search_depth"],
      ["an unknown topic", { ...ok, topic: "sports" }, "topic"],
      ["an unknown time_range", { ...ok, time_range: "hour" }, "time_range"],
      ["include_domains that is not an array", { ...ok, include_domains: "example.com" }, "include_domains"],
    ],
    exa: [
      ["an unknown field", { ...ok, num_results: 3 }, "num_results"],
      ["a query that is not a string", { query: 42 }, "query"],
      ["numResults 0", { ...ok, numResults: 0 }, "numResults"],
      ["numResults above 100", { ...ok, numResults: 101 }, "numResults"],
      ["the retired keyword type", { ...ok, type: "keyword" }, "type"],
      ["contents that is not an object", { ...ok, contents: "highlights" }, "contents"],
    ],
    perplexity: [
      ["an unknown field", { ...ok, search_depth: "advanced" }, "search_depth"],
      ["an empty query", { query: "" }, "query"],
      ["max_results 0", { ...ok, max_results: 0 }, "max_results"],
      ["max_results above 20", { ...ok, max_results: 21 }, "max_results"],
      ["an unknown search_recency_filter", { ...ok, search_recency_filter: "decade" }, "search_recency_filter"],
      ["an unknown search_context_size", { ...ok, search_context_size: "huge" }, "search_context_size"],
      ["more than 20 search_domain_filter entries", { ...ok, search_domain_filter: Array.from({ length: 21 }, (_, i) => `d${i}.com`) }, "search_domain_filter"],
    ],
  };
  const key = provider === "exa" ? { "x-api-key": "exa-good" } : bearer(`${provider}-good`);

  it.each(refusals[provider])("refuses %s with a 400 naming the field", async (_name, body, field) => {
    const res = await post(provider, body, key);
    expect(res.status).toBe(400);
    expect(await errorMessage(provider, res)).toContain(field);
  });

  it("refuses a body that is not a JSON object", async () => {
    const res = await post(provider, ["q"], key);
    expect(res.status).toBe(400);
    expect(await errorMessage(provider, res)).toMatch(/JSON object/);
  });

  it("checks the auth header before the body", async () => {
    const res = await post(provider, { ...ok, max_results: 99 }, {});
    expect(res.status).toBe(401);
    expect(await errorMessage(provider, res)).not.toBe("");
  });
});

describe("well-formed requests", () => {
  it("Tavily answers every documented option", async () => {
    const body = { query: "q", max_results: 0, search_depth: "ultra-fast", topic: "news", time_range: "w", include_domains: ["a.com"], exclude_domains: [], include_answer: false, include_favicon: true };
    const res = await post("tavily", body, bearer("tavily-good"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toEqual([]);
  });

  it("Exa takes its key in x-api-key or as a Bearer token, and every search type it documents", async () => {
    for (const type of ["neural", "fast", "auto", "deep", "deep-reasoning", "instant", "lite"]) {
      const res = await post("exa", { query: "q", type, numResults: 100, contents: { highlights: true } }, { "x-api-key": "exa-good" });
      expect(res.status, type).toBe(200);
      expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(100);
    }
    expect((await post("exa", { query: "q" }, bearer("exa-good"))).status).toBe(200);
    expect((await post("exa", { query: "q" }, { authorization: "exa-good" })).status).toBe(401);
  });

  it("Perplexity answers a multi-query search with its documented filters", async () => {
    const body = { query: ["a", "b"], max_results: 20, max_tokens_per_page: 512, search_context_size: "high", search_recency_filter: "hour", search_domain_filter: ["-spam.com"] };
    const res = await post("perplexity", body, bearer("pplx-good"));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(20);
  });
});

describe("Kagi query validation", () => {
  it.each([
    ["a missing q", "limit=3", "q"],
    ["a limit that is not an integer", "q=x&limit=many", "limit"],
    ["a limit of 0", "q=x&limit=0", "limit"],
    ["an unknown parameter", "q=x&count=3", "count"],
  ])("refuses %s with a 400 naming it", async (_name, query, field) => {
    const res = await kagi(query);
    expect(res.status).toBe(400);
    expect(await errorMessage("kagi", res)).toContain(field);
  });

  it("answers q and limit, and only with the Bot scheme", async () => {
    const res = await kagi("q=x&limit=4");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: Array<{ t: number }> }).data.filter((d) => d.t === 0)).toHaveLength(4);
    expect((await kagi("q=x", bearer("kagi-good"))).status).toBe(401);
  });

  it("answers a query that is a number (q=2024), echoing it as text", async () => {
    const res = await kagi("q=2024&limit=2");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Array<{ t: number; snippet?: string; list?: string[] }> };
    expect(data.filter((d) => d.t === 0)).toHaveLength(2);
    expect(data[0]!.snippet).toMatch(/^<b>2024<\/b>/);
    expect(data.at(-1)!.list).toEqual(["2024 news", "2024 wiki"]);
  });
});
