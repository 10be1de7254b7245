// Switchyard's web search inside chat completions, for every web-search provider pinned with
// `plugins: [{id: "web", engine: "<provider>"}]` on a model without native search, in every
// project mode, through the official OpenAI SDK: which key the provider mock saw, the results
// message the model mock received, the url_citation annotations, and what was billed (credits pay
// the catalog price of the search, an own key its 5% markup, as on /api/web: web.modes.test.ts).
import { Decimal } from "decimal.js";
import type OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SearchProviderId } from "@switchyard/websearch";
import { type Harness, startHarness } from "./testing/harness.ts";
import { annotationsOf, resetWebSearchState, sdkClient, type Usage, usageOf } from "./testing/web-search-answer.ts";
import { BASIC_SEARCH_PRICE, keyOf } from "./web/test-helpers.ts";

let h: Harness;
const clients = new Map<string, OpenAI>();
beforeAll(async () => {
  h = await startHarness({ webSearch: {} });
  for (const mode of ["credits", "byok", "hybrid"] as const) clients.set(mode, sdkClient(h, await h.project(mode)));
}, 60_000);
afterAll(() => h.close());
beforeEach(() => resetWebSearchState(h));

const QUESTION = "How cheap are solar panels now?";
const ANSWER = "Solar is cheap [1] and still falling [2].";
// 1000 prompt + 100 completion tokens of gpt-4o-mini ($0.15 / $0.60 per million): $0.00021.
const USAGE = { prompt_tokens: 1000, completion_tokens: 100 };
const MODEL_COST = "0.00021";
const MARKUP = "0.05"; // the harness's BYOK markup rate; its credits margin is 0
/** The five results every search mock answers for QUESTION (mock-hits.ts), in order. */
const RESULT_URLS = [1, 2, 3, 4, 5].map((i) => `https://${["docs.example.com", "news.example.org", "blog.example.net"][(i - 1) % 3]}/how-cheap-are-solar-panels-now/${i}`);
const PROVIDERS = Object.keys(BASIC_SEARCH_PRICE) as SearchProviderId[];

type Message = { role: string; content: string };
const upstreamMessages = () => (h.mock.requests.at(-1)!.body as { messages: Message[] }).messages;
const fixed = (n: Decimal.Value) => new Decimal(n).toFixed(10);

interface ModeRow {
  name: string;
  mode: "credits" | "byok" | "hybrid";
  /** The organization has an active web-search key for the provider. */
  ownSearchKey: boolean;
  /** Who pays the search: the own key (its markup) or credits (the price). */
  searchSource: "byok" | "credits";
  /** Who pays the model: a byok project needs its own OpenAI key, the others use the house key. */
  modelSource: "byok" | "credits";
}

const MODES: ModeRow[] = [
  { name: "byok: the organization's web-search key, billed its markup", mode: "byok", ownSearchKey: true, searchSource: "byok", modelSource: "byok" },
  { name: "credits: the house key, billed the catalog price", mode: "credits", ownSearchKey: false, searchSource: "credits", modelSource: "credits" },
  { name: "hybrid with an own key: the own key, billed its markup", mode: "hybrid", ownSearchKey: true, searchSource: "byok", modelSource: "credits" },
  { name: "hybrid without an own key: the house key, billed the catalog price", mode: "hybrid", ownSearchKey: false, searchSource: "credits", modelSource: "credits" },
];

/** What one part costs and what it bills: credits the cost (margin 0), an own key the markup on it. */
function billed(cost: string, source: "byok" | "credits"): { markup: Decimal; amountBilled: Decimal } {
  const markup = source === "byok" ? new Decimal(cost).times(MARKUP) : new Decimal(0);
  return { markup, amountBilled: source === "byok" ? markup : new Decimal(cost) };
}

describe.each(PROVIDERS)("engine %s", (provider) => {
  const price = BASIC_SEARCH_PRICE[provider];
  const own = `own-${provider}-key-1234`;

  it.each(MODES)("$name", async (row) => {
    if (row.ownSearchKey) await h.setSearchKey(provider, own);
    if (row.modelSource === "byok") await h.setOrgKey("openai", "sk-own-openai-1234");
    h.mock.script(() => ({ content: ANSWER, usage: USAGE }));

    const { data, response } = await clients
      .get(row.mode)!
      .chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: QUESTION }], plugins: [{ id: "web", engine: provider }] } as never)
      .withResponse();

    // The search: that provider only, once, with the key the mode picks.
    expect(h.searchMock!.requests.map((r) => [r.provider, keyOf(r)])).toEqual([[provider, row.searchSource === "byok" ? own : `house-${provider}`]]);
    expect(response.headers.get("x-switchyard-web-search-provider")).toBe(provider);
    expect(response.headers.get("x-switchyard-web-search-key-source")).toBe(row.searchSource);
    expect(h.mock.requests.at(-1)!.headers.authorization).toBe(row.modelSource === "byok" ? "Bearer sk-own-openai-1234" : "Bearer house-openai");

    // The model's prompt: the provider's results in a system message before the question.
    const messages = upstreamMessages();
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    const system = messages[0]!.content;
    expect(system).toMatch(/^A web search was conducted on \d{4}-\d{2}-\d{2}\. /);
    RESULT_URLS.forEach((url, i) => {
      expect(system).toContain(`[${i + 1}] ${QUESTION} — result ${i + 1}\nURL: ${url}\n`);
      expect(system).toContain(`Result ${i + 1} of 5 about ${QUESTION}.`);
    });
    expect(system).not.toContain("[6]");
    expect(messages[1]).toEqual({ role: "user", content: QUESTION });

    // The answer: its [1] and [2] cited with the first two results, then the other sources.
    const content = data.choices[0]!.message.content!;
    expect(content).toBe(ANSWER);
    const annotations = annotationsOf(data);
    expect(annotations.every((a) => a.type === "url_citation")).toBe(true);
    expect(annotations.map((a) => a.url_citation.url)).toEqual(RESULT_URLS);
    expect(annotations.slice(0, 2).map((a) => content.slice(a.url_citation.start_index, a.url_citation.end_index))).toEqual(["[1]", "[2]"]);
    expect(annotations[0]!.url_citation.title).toBe(`${QUESTION} — result 1`);

    // Billing: the search at the catalog price, inside the total; each part by its own key's rule.
    const search = billed(price, row.searchSource);
    const model = billed(MODEL_COST, row.modelSource);
    const total = new Decimal(price).plus(MODEL_COST);
    const usage = usageOf(data) as Usage & { web_search: Usage };
    expect(usage.cost_usd_web_search).toBe(Number(price));
    expect(usage.cost_usd_total).toBeCloseTo(total.toNumber(), 12);
    expect(usage.web_search).toEqual({
      searches: 1,
      provider,
      results: 5,
      key_source: row.searchSource,
      cost_usd: Number(price),
      markup_usd: search.markup.toNumber(),
      billed_usd: search.amountBilled.toNumber(),
      cost_priced: true,
    });
    expect(usage.billed_usd).toBeCloseTo(search.amountBilled.plus(model.amountBilled).toNumber(), 12);

    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "chat.completions", providerId: "openai", status: "success", keySource: row.modelSource });
    expect(event.units).toEqual({ search: { providerId: provider, keySource: row.searchSource, cost: fixed(price), markup: fixed(search.markup), amountBilled: fixed(search.amountBilled) } });
    expect(event.cost).toMatchObject({ webSearch: fixed(price), total: fixed(total) });
    expect(event.markup).toBe(fixed(search.markup.plus(model.markup)));
    expect(event.amountBilled).toBe(fixed(search.amountBilled.plus(model.amountBilled)));
  });
});
