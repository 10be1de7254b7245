import { describe, expect, it } from "vitest";
import { normalizeOpenAIUsage } from "./usage.ts";

describe("normalizeOpenAIUsage", () => {
  it("reads a full OpenAI usage object", () => {
    expect(
      normalizeOpenAIUsage({
        prompt_tokens: 1234,
        completion_tokens: 567,
        total_tokens: 1801,
        prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 320, audio_tokens: 0 },
      }),
    ).toEqual({ promptTokens: 1234, completionTokens: 567, cachedTokens: 1024, reasoningTokens: 320, estimated: false });
  });

  it("treats missing or null detail objects and fields as 0", () => {
    const zero = { promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0, estimated: false };
    expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5 })).toEqual(zero);
    expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: null, completion_tokens_details: null })).toEqual(zero);
    expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: {}, completion_tokens_details: { reasoning_tokens: null } })).toEqual(zero);
    expect(normalizeOpenAIUsage({ prompt_tokens: 0, completion_tokens: 0 })).toMatchObject({ promptTokens: 0, completionTokens: 0 });
  });

  it("reads DeepSeek's prompt_cache_hit_tokens when cached_tokens is absent", () => {
    expect(normalizeOpenAIUsage({ prompt_tokens: 100, completion_tokens: 5, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 })).toMatchObject({ cachedTokens: 64 });
    expect(normalizeOpenAIUsage({ prompt_tokens: 100, completion_tokens: 5, prompt_cache_hit_tokens: 64, prompt_tokens_details: { cached_tokens: 32 } })).toMatchObject({ cachedTokens: 32 });
  });

  it("returns null for no usage", () => {
    for (const u of [undefined, null, 42, "usage", [], {}, { prompt_tokens: 10 }, { completion_tokens: 5 }, { prompt_tokens: null, completion_tokens: 5 }]) {
      expect(normalizeOpenAIUsage(u)).toBeNull();
    }
  });

  it("rejects negative, fractional, non-finite and non-number counts", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "10", true]) {
      expect(normalizeOpenAIUsage({ prompt_tokens: bad, completion_tokens: 5 })).toBeNull();
      expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: bad })).toBeNull();
      expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: bad } })).toBeNull();
      expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, completion_tokens_details: { reasoning_tokens: bad } })).toBeNull();
    }
  });

  it("turns -0 into 0", () => {
    expect(Object.is(normalizeOpenAIUsage({ prompt_tokens: -0, completion_tokens: 0 })?.promptTokens, 0)).toBe(true);
  });

  it("clamps details to their totals so no cost can go negative", () => {
    expect(
      normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 50 }, completion_tokens_details: { reasoning_tokens: 9 } }),
    ).toMatchObject({ cachedTokens: 10, reasoningTokens: 5 });
  });

  it("ignores a non-object detail", () => {
    expect(normalizeOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, prompt_tokens_details: 3 })).toMatchObject({ cachedTokens: 0 });
  });
});
