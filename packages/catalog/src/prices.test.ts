import { describe, expect, it } from "vitest";
import { priceAt } from "./prices.ts";
import type { ModelOffering, Price } from "./types.ts";

const SOURCE = "https://example.com/pricing";
const jan: Price = { effectiveFrom: "2025-01-01", inputPerMTok: "1", outputPerMTok: "2", source: SOURCE };
const mar: Price = { effectiveFrom: "2025-03-15", inputPerMTok: "0.5", outputPerMTok: "1", source: SOURCE };
const jun: Price = { effectiveFrom: "2025-06-01", inputPerMTok: "0.25", outputPerMTok: "0.5", cachedInputPerMTok: "0.1", source: SOURCE };

function offering(...prices: Price[]): ModelOffering {
  return { providerId: "openai", upstreamModel: "m", prices };
}

const at = (iso: string) => new Date(iso);

describe("priceAt", () => {
  const o = offering(jan, mar, jun);

  it("is undefined before the first price", () => {
    expect(priceAt(o, at("2024-12-31T23:59:59.999Z"))).toBeUndefined();
  });

  it("is undefined with no prices", () => {
    expect(priceAt(offering(), at("2030-01-01T00:00:00Z"))).toBeUndefined();
  });

  it("starts a price at 00:00 UTC of its day", () => {
    expect(priceAt(o, at("2025-01-01T00:00:00.000Z"))).toBe(jan);
    expect(priceAt(o, at("2025-03-14T23:59:59.999Z"))).toBe(jan);
    expect(priceAt(o, at("2025-03-15T00:00:00.000Z"))).toBe(mar);
  });

  it("uses UTC, not local time", () => {
    // 2025-03-15 01:00 in UTC+02:00 is still 2025-03-14 in UTC.
    expect(priceAt(o, at("2025-03-15T01:00:00+02:00"))).toBe(jan);
    expect(priceAt(o, at("2025-03-14T23:00:00-02:00"))).toBe(mar);
  });

  it("picks the latest price in effect, in any order", () => {
    expect(priceAt(o, at("2025-05-31T12:00:00Z"))).toBe(mar);
    expect(priceAt(o, at("2026-01-01T00:00:00Z"))).toBe(jun);
    const shuffled = offering(jun, jan, mar);
    expect(priceAt(shuffled, at("2025-04-01T00:00:00Z"))).toBe(mar);
    expect(priceAt(shuffled, at("2025-07-01T00:00:00Z"))).toBe(jun);
    expect(priceAt(shuffled, at("2025-02-01T00:00:00Z"))).toBe(jan);
  });

  it("handles a single price", () => {
    expect(priceAt(offering(mar), at("2025-03-15T00:00:00Z"))).toBe(mar);
    expect(priceAt(offering(mar), at("2025-03-14T00:00:00Z"))).toBeUndefined();
  });
});
