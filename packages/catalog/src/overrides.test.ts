import { describe, expect, it } from "vitest";
import { effectivePrice, OVERRIDE_SOURCE, priceBook, type PriceOverride } from "./overrides.ts";
import type { ModelOffering } from "./types.ts";

const offering: ModelOffering = {
  providerId: "openai",
  upstreamModel: "m",
  prices: [
    { effectiveFrom: "2025-01-01", inputPerMTok: "1", outputPerMTok: "2", cachedInputPerMTok: "0.5", source: "s" },
    { effectiveFrom: "2025-06-01", inputPerMTok: "0.8", outputPerMTok: "1.6", source: "s" },
  ],
};

function override(from: string, fields: Partial<PriceOverride> = {}): PriceOverride {
  return { id: `prc_${from}`, providerId: "openai", model: "m", effectiveFrom: new Date(from), inputPerMTok: "3", outputPerMTok: "4", cachedInputPerMTok: null, reasoningPerMTok: null, perRequest: null, ...fields };
}

const at = (iso: string) => new Date(iso);

describe("effectivePrice", () => {
  it("is the catalog price without overrides", () => {
    const p = effectivePrice(offering, "m", priceBook([]), at("2025-03-01T00:00:00Z"));
    expect(p).toMatchObject({ overrideId: null, effectiveFrom: at("2025-01-01T00:00:00Z"), price: { inputPerMTok: "1" } });
  });

  it("takes an override from its effectiveFrom on, until a newer catalog price", () => {
    const book = priceBook([override("2025-03-01T12:00:00Z")]);
    expect(effectivePrice(offering, "m", book, at("2025-03-01T11:59:59Z"))?.overrideId).toBeNull();
    const p = effectivePrice(offering, "m", book, at("2025-03-01T12:00:00Z"));
    expect(p).toMatchObject({ overrideId: "prc_2025-03-01T12:00:00Z", price: { inputPerMTok: "3", outputPerMTok: "4", source: OVERRIDE_SOURCE } });
    expect(p?.price.cachedInputPerMTok).toBeUndefined();
    expect(effectivePrice(offering, "m", book, at("2025-06-01T00:00:00Z"))?.price.inputPerMTok).toBe("0.8");
  });

  it("lets the newest override in effect win, and an override win a tie with the catalog", () => {
    const book = priceBook([override("2025-06-01T00:00:00Z", { id: "tie" }), override("2025-07-01T00:00:00Z", { id: "new", perRequest: "0.01" }), override("2030-01-01T00:00:00Z", { id: "future" })]);
    expect(effectivePrice(offering, "m", book, at("2025-06-15T00:00:00Z"))?.overrideId).toBe("tie");
    expect(effectivePrice(offering, "m", book, at("2025-08-01T00:00:00Z"))).toMatchObject({ overrideId: "new", price: { perRequest: "0.01" } });
  });

  it("fills unset input or output from the catalog and ignores other models and providers", () => {
    const book = priceBook([override("2025-02-01T00:00:00Z", { inputPerMTok: null }), override("2025-02-01T00:00:00Z", { model: "other", id: "x" }), override("2025-02-01T00:00:00Z", { providerId: "groq", id: "y" })]);
    expect(effectivePrice(offering, "m", book, at("2025-03-01T00:00:00Z"))?.price).toMatchObject({ inputPerMTok: "1", outputPerMTok: "4" });
  });

  it("prices an offering without a catalog price from an override", () => {
    const bare: ModelOffering = { providerId: "openai", upstreamModel: "m", prices: [] };
    expect(effectivePrice(bare, "m", priceBook([]), at("2025-03-01T00:00:00Z"))).toBeUndefined();
    expect(effectivePrice(bare, "m", priceBook([override("2025-02-01T00:00:00Z")]), at("2025-03-01T00:00:00Z"))?.price.inputPerMTok).toBe("3");
  });
});
