// exa_mode: the Exa search type a request chooses reaches Exa as `type` and is priced by type;
// a bad value, or one given with another named provider, is a 400 naming exa_mode; without a
// named provider, a failover to another provider ignores it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { keyOf, search } from "./test-helpers.ts";

let h: Harness;
let byok: string;
let credits: string;
beforeAll(async () => {
  // No Tavily house key and a failing Exa one: a credits search without a named provider tries
  // Exa first and fails over to Kagi.
  h = await startHarness({ webSearch: { houseKeys: { tavily: null, exa: "house-exa-down" } } });
  byok = await h.project("byok");
  credits = await h.project("credits");
  await h.setSearchKey("exa", "own-exa-key");
}, 60_000);
afterAll(() => h.close());

function reset(): void {
  h.searchMock!.requests.length = 0;
  h.events.length = 0;
}

describe("exa_mode with Exa", () => {
  it.each([
    ["neural", "0.0070000000"],
    ["fast", "0.0070000000"],
    ["deep", "0.0120000000"],
    ["deep-reasoning", "0.0150000000"],
  ])("sends type %s to Exa and prices the search by it", async (mode, cost) => {
    reset();
    const { status, json } = await search(h, byok, { query: "solar panels", provider: "exa", exa_mode: mode });
    expect(status).toBe(200);
    expect(json.provider).toBe("exa");
    expect(h.searchMock!.requests).toHaveLength(1);
    expect(h.searchMock!.requests[0]!.body).toMatchObject({ query: "solar panels", type: mode });
    // Labelled by what was priced: the type, not the (default, basic) depth.
    expect(h.events[0]).toMatchObject({ providerId: "exa", model: `search:exa-${mode}`, upstreamModel: `search:exa-${mode}`, status: "success", cost: { webSearch: cost, total: cost } });
  });

  it("overrides the type depth would pick", async () => {
    reset();
    await search(h, byok, { query: "q", provider: "exa", depth: "advanced", exa_mode: "auto" });
    expect(h.searchMock!.requests[0]!.body).toMatchObject({ type: "auto" });
    expect(h.events[0]).toMatchObject({ model: "search:exa-auto", cost: { total: "0.0070000000" } });
  });
});

describe("refused exa_mode", () => {
  it.each([
    ["an unknown value", { exa_mode: "turbo" }],
    ["Exa's retired keyword type", { exa_mode: "keyword" }],
    ["a non-string value", { exa_mode: 1 }],
    ["another named provider", { provider: "tavily", exa_mode: "neural" }],
  ])("refuses %s with a 400 naming exa_mode", async (_name, extra) => {
    reset();
    const { status, json } = await search(h, byok, { query: "q", ...extra });
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: "invalid_request", type: "invalid_request_error", param: "exa_mode" });
    expect(json.error!.message).toContain("exa_mode");
    expect(h.searchMock!.requests).toEqual([]);
    expect(h.events).toEqual([]);
  });
});

describe("exa_mode without a named provider", () => {
  it("is used by Exa and ignored by the provider a failover reaches", async () => {
    reset();
    const { status, json } = await search(h, credits, { query: "failover", exa_mode: "deep" });
    expect(status).toBe(200);
    expect(json.provider).toBe("kagi");
    const [exa, kagi] = h.searchMock!.requests;
    expect(exa).toMatchObject({ provider: "exa", body: { type: "deep" } });
    expect(keyOf(exa!)).toBe("house-exa-down");
    expect(kagi!.provider).toBe("kagi");
    expect(new URL(kagi!.path, "http://mock").searchParams.get("q")).toBe("failover");
    // Kagi's basic price, not Exa's deep one.
    expect(h.events[0]).toMatchObject({ providerId: "kagi", model: "search:basic", attempts: 2, cost: { total: "0.0250000000" } });
  });
});
