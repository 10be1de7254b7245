import { describe, expect, it } from "vitest";
import { findOffering, getModel, getProvider, models, priceAt, providerIds } from "./index.ts";

const DECIMAL = /^\d+(\.\d+)?$/;
const NOW = new Date();

function isZero(value: string | undefined): boolean {
  return value === undefined || Number(value) === 0;
}

describe("models", () => {
  it("have unique, well-formed ids", () => {
    const ids = models.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
  });

  it("never start with a provider id followed by a slash", () => {
    for (const model of models) {
      const slash = model.id.indexOf("/");
      if (slash > 0) expect(providerIds).not.toContain(model.id.slice(0, slash));
    }
  });

  it("look up by id and by (model, provider)", () => {
    expect(getModel("gpt-4o-mini")?.offerings[0]?.providerId).toBe("openai");
    expect(getModel("missing")).toBeUndefined();
    expect(findOffering("gpt-4o-mini", "openrouter")?.upstreamModel).toBe("openai/gpt-4o-mini");
    expect(findOffering("llama-3.3-70b", "together")?.upstreamModel).toBe("meta-llama/Llama-3.3-70B-Instruct-Turbo");
    expect(findOffering("llama-3.3-70b", "fireworks")?.upstreamModel).toBe("accounts/fireworks/models/llama-v3p3-70b-instruct");
    expect(findOffering("llama-3.3-70b", "nvidia")?.upstreamModel).toBe("meta/llama-3.3-70b-instruct");
    expect(findOffering("gpt-4o-mini", "groq")).toBeUndefined();
    expect(findOffering("missing", "openai")).toBeUndefined();
  });

  describe.each(models.map((m) => [m.id, m] as const))("%s", (_id, model) => {
    it("has a name, an owner and a sensible context length", () => {
      expect(model.name.length).toBeGreaterThan(0);
      expect(model.ownedBy).toMatch(/^[a-z0-9-]+$/);
      if (model.contextLength !== undefined) expect(Number.isInteger(model.contextLength) && model.contextLength > 0).toBe(true);
    });

    it("has offerings at known providers, one per provider", () => {
      expect(model.offerings.length).toBeGreaterThan(0);
      const ids = model.offerings.map((o) => o.providerId);
      expect(new Set(ids).size).toBe(ids.length);
      for (const offering of model.offerings) {
        expect(getProvider(offering.providerId), offering.providerId).toBeDefined();
        expect(offering.upstreamModel.trim()).toBe(offering.upstreamModel);
        expect(offering.upstreamModel.length).toBeGreaterThan(0);
      }
    });

    it("has well-formed dated prices with https sources", () => {
      for (const offering of model.offerings) {
        expect(offering.prices.length).toBeGreaterThan(0);
        const days = offering.prices.map((p) => p.effectiveFrom);
        expect(new Set(days).size, `${offering.providerId} has two prices on one day`).toBe(days.length);
        for (const price of offering.prices) {
          expect(price.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${price.effectiveFrom}T00:00:00Z`).toISOString().slice(0, 10)).toBe(price.effectiveFrom);
          for (const value of [price.inputPerMTok, price.outputPerMTok, price.cachedInputPerMTok, price.reasoningPerMTok, price.perRequest]) {
            if (value !== undefined) expect(value).toMatch(DECIMAL);
          }
          expect(new URL(price.source).protocol).toBe("https:");
        }
      }
    });

    it("is priced now at every offering", () => {
      for (const offering of model.offerings) expect(priceAt(offering, NOW), offering.providerId).toBeDefined();
    });
  });

  describe("free offerings", () => {
    const free = models.flatMap((m) =>
      m.offerings.filter((o) => {
        const price = priceAt(o, NOW);
        // Models priced per image, character or minute are not free even with zero token prices.
        const unitPriced = price?.perImage !== undefined || price?.perMCharacters !== undefined || price?.perMinute !== undefined || price?.imageOutputPerMTok !== undefined;
        return price !== undefined && !unitPriced && isZero(price.inputPerMTok) && isZero(price.outputPerMTok);
      }),
    );

    it("exist", () => {
      expect(free.length).toBeGreaterThan(0);
    });

    it("name a paid equivalent", () => {
      for (const offering of free) expect(offering.paidEquivalent, `${offering.providerId}/${offering.upstreamModel}`).toBeDefined();
    });
  });

  it("point every paid equivalent at an existing model with a non-zero price", () => {
    const withEquivalent = models.flatMap((m) => m.offerings.filter((o) => o.paidEquivalent !== undefined));
    expect(withEquivalent.length).toBeGreaterThan(0);
    for (const offering of withEquivalent) {
      const paid = getModel(offering.paidEquivalent!);
      expect(paid, offering.paidEquivalent).toBeDefined();
      const price = priceAt(paid!.offerings[0]!, NOW);
      expect(price).toBeDefined();
      expect(Number(price!.inputPerMTok) + Number(price!.outputPerMTok)).toBeGreaterThan(0);
    }
  });
});
