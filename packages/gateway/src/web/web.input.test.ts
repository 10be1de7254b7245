// Bad input: a 400 in OpenAI's error envelope naming the offending field, before any provider
// is asked or anything billed.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { MAX_QUERY_CHARS } from "./schema.ts";
import { search } from "./test-helpers.ts";

let h: Harness;
let apiKey: string;
beforeAll(async () => {
  h = await startHarness({ webSearch: {} });
  apiKey = await h.project("credits");
}, 60_000);
afterAll(() => h.close());

const ok = { query: "solar panels" };
const cases: Array<[name: string, body: unknown, param: string | null, code?: string]> = [
  ["a missing query", {}, "query"],
  ["an empty query", { query: "  " }, "query"],
  ["a query that is not a string", { query: ["a"] }, "query"],
  ["a query that is too long", { query: "x".repeat(MAX_QUERY_CHARS + 1) }, "query"],
  ["an unknown provider", { ...ok, provider: "bing" }, "provider", "unknown_provider"],
  ["a provider that is not a string", { ...ok, provider: 1 }, "provider", "unknown_provider"],
  ["max_results 0", { ...ok, max_results: 0 }, "max_results"],
  ["max_results 21", { ...ok, max_results: 21 }, "max_results"],
  ["a fractional max_results", { ...ok, max_results: 2.5 }, "max_results"],
  ["max_results as a string", { ...ok, max_results: "5" }, "max_results"],
  ["an unknown depth", { ...ok, depth: "deep" }, "depth"],
  ["include_domains that is not an array", { ...ok, include_domains: "example.com" }, "include_domains"],
  ["a URL in include_domains", { ...ok, include_domains: ["example.com", "https://example.org/x"] }, "include_domains[1]"],
  ["a single-label host in include_domains", { ...ok, include_domains: ["localhost"] }, "include_domains[0]"],
  ["too many include_domains", { ...ok, include_domains: Array.from({ length: 21 }, (_, i) => `d${i}.example.com`) }, "include_domains"],
  ["a host with a port in exclude_domains", { ...ok, exclude_domains: ["example.com:8080"] }, "exclude_domains[0]"],
  ["a number in exclude_domains", { ...ok, exclude_domains: [42] }, "exclude_domains[0]"],
  ["an unknown recency", { ...ok, recency: "hour" }, "recency"],
  ["an unknown field", { ...ok, max_result: 3 }, "max_result", "unsupported_parameter"],
  ["a body that is an array", [ok], null],
];

it.each(cases)("refuses %s", async (_name, body, param, code = "invalid_request") => {
  h.searchMock!.requests.length = 0;
  h.events.length = 0;
  const { status, json } = await search(h, apiKey, body);
  expect(status).toBe(400);
  expect(json.error).toMatchObject({ code, type: "invalid_request_error", param });
  if (param) expect(json.error!.message).toContain(param.replace(/\[\d+\]$/, ""));
  expect(h.searchMock!.requests).toEqual([]);
  expect(h.events).toEqual([]);
});

it("refuses a body that is not JSON, and an empty one", async () => {
  for (const body of ["{query:", ""]) {
    const { status, json } = await search(h, apiKey, body);
    expect(status).toBe(400);
    expect(json.error?.code).toBe("invalid_json");
  }
});

it("refuses a bad x-use-byok header, naming it", async () => {
  const { status, json } = await search(h, apiKey, ok, { "x-use-byok": "maybe" });
  expect(status).toBe(400);
  expect(json.error).toMatchObject({ code: "invalid_request", param: "x-use-byok" });
});

it("refuses a body over the size limit with 413", async () => {
  const { status, json } = await search(h, apiKey, { query: "x".repeat(300 * 1024) });
  expect(status).toBe(413);
  expect(json.error?.code).toBe("payload_too_large");
});

it("accepts the defaults: 5 basic results from the first provider", async () => {
  h.searchMock!.requests.length = 0;
  const { status, json } = await search(h, apiKey, { query: " trimmed ", provider: null, recency: null });
  expect(status).toBe(200);
  expect(json.results).toHaveLength(5);
  expect(h.searchMock!.requests[0]!.body).toEqual({ query: "trimmed", max_results: 5, search_depth: "basic" });
});
