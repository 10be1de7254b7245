// Every web-search provider × project mode × own-key state × x-use-byok: which key the provider
// saw (the mock records each request's auth header) and what was billed (the usage event:
// credits pay the catalog price, an own key the 5% markup on it).
import { Decimal } from "decimal.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchProviderId } from "@switchyard/websearch";
import { applyInvalidation } from "../invalidate.ts";
import { type Harness, startHarness } from "../testing/harness.ts";
import { BASIC_SEARCH_PRICE as PRICE, keyOf, search } from "./test-helpers.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ webSearch: {} });
}, 60_000);
afterAll(() => h.close());

const PROVIDERS = Object.keys(PRICE) as SearchProviderId[];

type Mode = "credits" | "byok" | "hybrid";
interface Row {
  name: string;
  mode: Mode;
  ownKey: boolean;
  useByok?: boolean;
  expect: { source: "credits" | "byok" } | { error: 400; code: "provider_key_required" };
}

const rows: Row[] = [
  { name: "credits uses the house key", mode: "credits", ownKey: false, expect: { source: "credits" } },
  { name: "credits ignores an own key", mode: "credits", ownKey: true, expect: { source: "credits" } },
  { name: "credits + x-use-byok uses the own key", mode: "credits", ownKey: true, useByok: true, expect: { source: "byok" } },
  { name: "credits + x-use-byok without an own key", mode: "credits", ownKey: false, useByok: true, expect: { error: 400, code: "provider_key_required" } },
  { name: "byok uses the own key", mode: "byok", ownKey: true, expect: { source: "byok" } },
  { name: "byok without an own key", mode: "byok", ownKey: false, expect: { error: 400, code: "provider_key_required" } },
  { name: "hybrid prefers the own key", mode: "hybrid", ownKey: true, expect: { source: "byok" } },
  { name: "hybrid without an own key uses the house key", mode: "hybrid", ownKey: false, expect: { source: "credits" } },
  { name: "hybrid + x-use-byok uses the own key", mode: "hybrid", ownKey: true, useByok: true, expect: { source: "byok" } },
  { name: "hybrid + x-use-byok without an own key", mode: "hybrid", ownKey: false, useByok: true, expect: { error: 400, code: "provider_key_required" } },
];

const projects = new Map<Mode, string>();
async function apiKey(mode: Mode): Promise<string> {
  if (!projects.has(mode)) projects.set(mode, await h.project(mode));
  return projects.get(mode)!;
}

async function reset(ownKeys: Partial<Record<SearchProviderId, string>>): Promise<void> {
  await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
  for (const [id, secret] of Object.entries(ownKeys)) await h.setSearchKey(id, secret);
  h.caches.searchKeys?.invalidate(h.orgId);
  h.searchMock!.requests.length = 0;
  h.events.length = 0;
}

describe.each(PROVIDERS)("%s", (provider) => {
  const own = `own-${provider}-key-1234`;
  const house = `house-${provider}`;

  it.each(rows)("$name", async (row) => {
    await reset(row.ownKey ? { [provider]: own } : {});
    const { status, json, headers } = await search(h, await apiKey(row.mode), { query: "solar panels", provider }, row.useByok ? { "x-use-byok": "true" } : {});
    const seen = h.searchMock!.requests.map(keyOf);
    expect(JSON.stringify(json)).not.toContain(own);
    expect(JSON.stringify(json)).not.toContain(house);

    if ("error" in row.expect) {
      expect(status).toBe(row.expect.error);
      expect(json.error).toMatchObject({ code: row.expect.code, type: "invalid_request_error", param: "provider" });
      expect(json.error!.message).toContain(`\`${provider}\``);
      expect(seen).toEqual([]);
      expect(h.events).toEqual([]);
      return;
    }
    const source = row.expect.source;
    expect(status).toBe(200);
    expect(seen).toEqual([source === "byok" ? own : house]);
    expect(h.searchMock!.requests[0]!.provider).toBe(provider);
    expect(headers.get("x-switchyard-provider")).toBe(provider);
    expect(headers.get("x-switchyard-key-source")).toBe(source);
    expect(json).toMatchObject({ object: "web_search", provider });
    expect(json.results).toHaveLength(5);

    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "web.search", providerId: provider, model: "search:basic", keySource: source, status: "success", httpStatus: 200, attempts: 1, priced: true });
    expect(event).toMatchObject({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0 });
    const price = new Decimal(PRICE[provider]).toFixed(10);
    expect(event.cost.total).toBe(price);
    expect(event.cost.webSearch).toBe(price);
    if (source === "credits") {
      expect(event.markup).toBe("0.0000000000");
      expect(event.amountBilled).toBe(price);
      expect(json.usage).toMatchObject({ key_source: "credits", is_byok: false, billed_usd: Number(PRICE[provider]) });
    } else {
      const markup = new Decimal(PRICE[provider]).times("0.05").toFixed(10);
      expect(event.markup).toBe(markup);
      expect(event.amountBilled).toBe(markup);
      expect(json.usage).toMatchObject({ key_source: "byok", is_byok: true, markup_usd: Number(markup), billed_usd: Number(markup) });
    }
    expect(json.usage).toMatchObject({ searches: 1, results: 5, cost_usd_total: Number(PRICE[provider]), cost_usd_web_search: Number(PRICE[provider]), cost_priced: true });
  });
});

describe("without a named provider", () => {
  it("uses the first provider with a usable key, in the order tavily, exa, kagi, perplexity", async () => {
    await reset({ kagi: "own-kagi-key", perplexity: "own-perplexity-key" });
    const { status, json } = await search(h, await apiKey("byok"), { query: "first usable" });
    expect(status).toBe(200);
    expect(json.provider).toBe("kagi");
    expect(h.searchMock!.requests.map(keyOf)).toEqual(["own-kagi-key"]);
  });

  it("in hybrid mode, takes the house key of an earlier provider before an own key of a later one", async () => {
    await reset({ exa: "own-exa-key" });
    const { json, headers } = await search(h, await apiKey("hybrid"), { query: "order" });
    expect(json.provider).toBe("tavily");
    expect(headers.get("x-switchyard-key-source")).toBe("credits");
  });

  it("names every provider when a byok project has no web-search key", async () => {
    await reset({});
    const { status, json } = await search(h, await apiKey("byok"), { query: "none" });
    expect(status).toBe(400);
    expect(json.error?.code).toBe("provider_key_required");
    for (const id of PROVIDERS) expect(json.error?.message).toContain(`\`${id}\``);
  });
});

describe("keys and invalidation", () => {
  it("ignores deactivated own keys", async () => {
    await reset({});
    await h.setSearchKey("tavily", "own-tavily-inactive", "inactive");
    const { status } = await search(h, await apiKey("byok"), { query: "inactive", provider: "tavily" });
    expect(status).toBe(400);
  });

  it("keeps an organization's keys cached until the organization is invalidated", async () => {
    await reset({ tavily: "own-tavily-first" });
    expect((await search(h, await apiKey("byok"), { query: "cache", provider: "tavily" })).status).toBe(200);
    // A new key written elsewhere (the control plane) is not seen until the invalidation arrives.
    await h.db.prisma.providerKey.deleteMany({ where: { organizationId: h.orgId } });
    expect((await search(h, await apiKey("byok"), { query: "cache", provider: "tavily" })).status).toBe(200);
    applyInvalidation(h.caches, { type: "organization", id: h.orgId });
    expect((await search(h, await apiKey("byok"), { query: "cache", provider: "tavily" })).status).toBe(400);
  });
});

describe("the request reaches the provider as asked", () => {
  it("maps every option to Tavily's body and answers with normalised results", async () => {
    await reset({});
    const body = { query: "rust async", provider: "tavily", max_results: 3, depth: "advanced", include_domains: ["Docs.Example.com"], exclude_domains: ["news.example.org"], recency: "week" };
    const { status, json } = await search(h, await apiKey("credits"), body);
    expect(status).toBe(200);
    expect(h.searchMock!.requests[0]!.body).toEqual({
      query: "rust async",
      max_results: 3,
      search_depth: "advanced",
      include_domains: ["docs.example.com"],
      exclude_domains: ["news.example.org"],
      time_range: "week",
    });
    expect(json.results).toHaveLength(3);
    expect(json.results![0]).toEqual({ title: "rust async — result 1", url: "https://docs.example.com/rust-async/1", snippet: "Result 1 of 3 about rust async.", score: 0.99 });
    expect(json.query).toBe("rust async");
    expect(h.events[0]).toMatchObject({ model: "search:advanced", cost: { total: "0.0160000000" } });
  });

  it("passes published dates through and bills Exa's results beyond ten", async () => {
    await reset({});
    const { json } = await search(h, await apiKey("credits"), { query: "many", provider: "exa", max_results: 13 });
    expect(json.results).toHaveLength(13);
    expect(typeof json.results![0]!.published_date).toBe("string");
    expect(h.events[0]!.cost.total).toBe("0.0100000000"); // $0.007 + 3 × $0.001
    expect(json.usage).toMatchObject({ results: 13, cost_usd_total: 0.01 });
  });

  it("serves /v1/web and /api/v1/web too, with the same authentication", async () => {
    await reset({});
    for (const path of ["/v1/web", "/api/v1/web"]) {
      expect((await search(h, await apiKey("credits"), { query: "paths" }, {}, path)).status).toBe(200);
      expect((await search(h, "sy-nope-nope", { query: "paths" }, {}, path)).status).toBe(401);
    }
    const anonymous = await search(h, "", { query: "paths" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error?.code).toBe("invalid_api_key");
  });
});
