import { describe, expect, it } from "vitest";
import { priceBook } from "@switchyard/catalog";
import { dependents, nextPriceChange, repriceRange } from "./range.ts";

const target = { providerId: "groq", model: "gpt-oss-120b" };
const override = (id: string, effectiveFrom: string) => ({ id, ...target, effectiveFrom: new Date(effectiveFrom), inputPerMTok: "1", outputPerMTok: "1", cachedInputPerMTok: null, reasoningPerMTok: null, perRequest: null });
const now = new Date("2026-11-01T00:00:00Z");

describe("re-pricing range", () => {
  it("ends at the next override or catalog price after effectiveFrom, else now", () => {
    const book = priceBook([override("prc_1", "2026-03-01T00:00:00Z"), override("prc_2", "2026-03-10T00:00:00Z"), override("prc_0", "2026-01-01T00:00:00Z")]);
    expect(nextPriceChange(target, new Date("2026-03-01T00:00:00Z"), book, now).toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(nextPriceChange(target, new Date("2026-03-10T00:00:00Z"), book, now)).toEqual(now);
    // The catalog's dated price (2025-08-05) ends an earlier override's reign.
    expect(nextPriceChange(target, new Date("2025-07-01T00:00:00Z"), new Map(), now).toISOString()).toBe("2025-08-05T00:00:00.000Z");
    // Another provider's overrides do not end it.
    const other = priceBook([{ ...override("prc_3", "2026-04-01T00:00:00Z"), providerId: "together" }]);
    expect(nextPriceChange(target, new Date("2026-03-10T00:00:00Z"), other, now)).toEqual(now);
  });

  it("takes in the free offerings whose BYOK markup is priced on the corrected one", () => {
    expect(dependents(target)).toContainEqual({ providerId: "nvidia", model: "gpt-oss-120b" });
    expect(dependents({ providerId: "together", model: "gpt-oss-120b" })).toEqual([]);
    const range = repriceRange(target, new Date("2026-12-01T00:00:00Z"), new Map(), now);
    expect([range.from, range.to]).toEqual([new Date("2026-12-01T00:00:00Z"), new Date("2026-12-01T00:00:00Z")]);
    expect(range.selectors[0]).toEqual(target);
  });
});
