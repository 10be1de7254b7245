import type { Price } from "@switchyard/catalog";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { computeCost, withWebSearch, type CostBreakdown } from "./cost.ts";
import type { NormalizedUsage } from "./usage.ts";

const price = (p: Partial<Price>): Price => ({ effectiveFrom: "2024-07-18", inputPerMTok: "0", outputPerMTok: "0", source: "https://example.com/pricing", ...p });
const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false, ...u });
type TextPart = "input" | "cachedInput" | "output" | "reasoning" | "request" | "total";
const fixed = (c: CostBreakdown): Record<TextPart, string> => ({
  input: c.input.toFixed(),
  cachedInput: c.cachedInput.toFixed(),
  output: c.output.toFixed(),
  reasoning: c.reasoning.toFixed(),
  request: c.request.toFixed(),
  total: c.total.toFixed(),
});

const gpt4oMini = price({ inputPerMTok: "0.15", cachedInputPerMTok: "0.075", outputPerMTok: "0.60" });

describe("computeCost", () => {
  it("prices gpt-4o-mini with a cached prefix exactly", () => {
    // 210 uncached × 0.15 + 1024 cached × 0.075 + 567 output × 0.60, per million.
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 1234, cachedTokens: 1024, completionTokens: 567 }));
    expect(fixed(cost)).toEqual({ input: "0.0000315", cachedInput: "0.0000768", output: "0.0003402", reasoning: "0", request: "0", total: "0.0004485" });
  });

  it("bills cached tokens at the input price when there is no cached price", () => {
    const cost = computeCost(price({ inputPerMTok: "2.5", outputPerMTok: "10" }), usage({ promptTokens: 1000, cachedTokens: 400, completionTokens: 0 }));
    expect(cost.input.toFixed()).toBe("0.0015");
    expect(cost.cachedInput.toFixed()).toBe("0.001");
    expect(cost.total.toFixed()).toBe("0.0025");
  });

  it("splits reasoning from output when reasoning has its own price", () => {
    const u = usage({ promptTokens: 100, completionTokens: 1000, reasoningTokens: 600 });
    const split = computeCost(price({ inputPerMTok: "2", outputPerMTok: "8", reasoningPerMTok: "10" }), u);
    expect(fixed(split)).toEqual({ input: "0.0002", cachedInput: "0", output: "0.0032", reasoning: "0.006", request: "0", total: "0.0094" });
  });

  it("bills reasoning as output when it has no price of its own", () => {
    const u = usage({ promptTokens: 100, completionTokens: 1000, reasoningTokens: 600 });
    const asOutput = computeCost(price({ inputPerMTok: "2", outputPerMTok: "8" }), u);
    expect(fixed(asOutput)).toEqual({ input: "0.0002", cachedInput: "0", output: "0.008", reasoning: "0", request: "0", total: "0.0082" });
  });

  it("adds the per-request fee", () => {
    const cost = computeCost(price({ inputPerMTok: "1", outputPerMTok: "1", perRequest: "0.005" }), usage({ promptTokens: 10, completionTokens: 10 }));
    expect(cost.request.toFixed()).toBe("0.005");
    expect(cost.total.toFixed()).toBe("0.00502");
    expect(computeCost(price({ perRequest: "0.005" }), usage({})).total.toFixed()).toBe("0.005");
  });

  it("is all zero without a price", () => {
    const cost = computeCost(undefined, usage({ promptTokens: 1000, completionTokens: 1000 }));
    expect(fixed(cost)).toEqual({ input: "0", cachedInput: "0", output: "0", reasoning: "0", request: "0", total: "0" });
  });

  it("has no floating point drift", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in floats.
    const cost = computeCost(price({ inputPerMTok: "0.1", outputPerMTok: "0.2" }), usage({ promptTokens: 1_000_000, completionTokens: 1_000_000 }));
    expect(cost.total.toFixed()).toBe("0.3");
    expect(cost.total.equals("0.3")).toBe(true);

    let sum = new Decimal(0);
    const tiny = computeCost(price({ inputPerMTok: "0.1" }), usage({ promptTokens: 1 }));
    let floatSum = 0;
    for (let i = 0; i < 10_000; i++) {
      sum = sum.plus(tiny.total);
      floatSum += 0.1 / 1e6;
    }
    expect(tiny.total.toFixed()).toBe("0.0000001");
    expect(sum.toFixed()).toBe("0.001");
    expect(floatSum).not.toBe(0.001); // what floats would have billed
  });

  it("keeps every digit of large counts and long prices", () => {
    // 987654321 × 0.123456789123456789 / 10⁶: 27 significant digits (decimal.js rounds at 20 by default).
    const cost = computeCost(price({ inputPerMTok: "0.123456789123456789" }), usage({ promptTokens: 987_654_321 }));
    expect(cost.input.toFixed()).toBe("121.932631234567900112635269");
  });

  it("never goes negative when details exceed totals", () => {
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 10, cachedTokens: 50, completionTokens: 5, reasoningTokens: 9 }));
    expect(cost.input.toFixed()).toBe("0");
    expect(cost.cachedInput.toFixed()).toBe("0.00000075");
    expect(cost.total.isNegative()).toBe(false);
  });

  it("returns Decimals", () => {
    const cost = computeCost(gpt4oMini, usage({ promptTokens: 1 }));
    expect(cost.total).toBeInstanceOf(Decimal);
  });

  describe("audio, images, characters, minutes and searches", () => {
    // gpt-realtime's list prices: text 4/0.40/16, audio 32/0.40/64 per MTok.
    const realtime = price({ inputPerMTok: "4", cachedInputPerMTok: "0.4", outputPerMTok: "16", audioInputPerMTok: "32", cachedAudioInputPerMTok: "0.4", audioOutputPerMTok: "64" });

    it("bills audio tokens at the audio prices and the text rest at the text prices", () => {
      // 1,000 input tokens: 600 audio (100 of them cached), 400 text (200 cached); 500 output: 300 audio.
      const cost = computeCost(realtime, usage({ promptTokens: 1000, cachedTokens: 300, audioInputTokens: 600, cachedAudioTokens: 100, completionTokens: 500, audioOutputTokens: 300 }));
      expect(fixed(cost)).toEqual({ input: "0.0008", cachedInput: "0.00008", output: "0.0032", reasoning: "0", request: "0", total: "0.03932" });
      // 500 uncached audio × 32 + 100 cached audio × 0.4 + 300 audio out × 64, per million.
      expect(cost.audio.toFixed()).toBe("0.03524");
      expect(cost.total.toFixed()).toBe(cost.input.plus(cost.cachedInput).plus(cost.output).plus(cost.audio).toFixed());
    });

    it("falls back to the text prices for audio tokens a price does not name", () => {
      const cost = computeCost(price({ inputPerMTok: "2", outputPerMTok: "8" }), usage({ promptTokens: 100, audioInputTokens: 100, completionTokens: 10, audioOutputTokens: 10 }));
      expect(cost.input.toFixed()).toBe("0");
      expect(cost.audio.toFixed()).toBe("0.00028");
    });

    it("prices speech by characters and transcription by minutes", () => {
      expect(computeCost(price({ perMCharacters: "15" }), usage({ characters: 2000 })).audio.toFixed()).toBe("0.03");
      const whisper = computeCost(price({ perMinute: "0.006" }), usage({ audioSeconds: 90.5 }));
      expect(whisper.audio.toFixed()).toBe("0.00905");
      expect(whisper.total.toFixed()).toBe("0.00905");
    });

    it("prices images per image by variant, and image tokens at the image prices", () => {
      const dalle3 = price({ perImage: { "standard:1024x1024": "0.04", "hd:1024x1792": "0.12" } });
      expect(computeCost(dalle3, usage({ images: 2, imageVariant: "hd:1024x1792" })).image.toFixed()).toBe("0.24");
      expect(computeCost(dalle3, usage({ images: 2, imageVariant: "hd:512x512" })).image.toFixed()).toBe("0");
      // gpt-image-1: text input 5, image input 10, image output 40 per MTok.
      const image1 = price({ inputPerMTok: "5", imageInputPerMTok: "10", outputPerMTok: "40", imageOutputPerMTok: "40" });
      const cost = computeCost(image1, usage({ promptTokens: 300, imageInputTokens: 200, completionTokens: 4160, imageOutputTokens: 4160 }));
      expect(cost.input.toFixed()).toBe("0.0005");
      expect(cost.image.toFixed()).toBe("0.1684");
      expect(cost.output.toFixed()).toBe("0");
    });

    it("prices a provider's own web searches per search, and withWebSearch adds Switchyard's", () => {
      const cost = computeCost(price({ inputPerMTok: "3", outputPerMTok: "15", perWebSearch: "0.01" }), usage({ promptTokens: 1000, completionTokens: 100, webSearches: 3 }));
      expect(cost.webSearch.toFixed()).toBe("0.03");
      expect(cost.total.toFixed()).toBe("0.0345");
      const more = withWebSearch(cost, new Decimal("0.008"));
      expect(more.webSearch.toFixed()).toBe("0.038");
      expect(more.total.toFixed()).toBe("0.0425");
    });
  });
});
