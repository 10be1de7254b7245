import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countTextTokens, MAX_MERGED_PIECE_BYTES } from "./count-tokens.ts";

// gpt-tokenizer's own count, with special-token text treated as ordinary text.
const reference = (text: string): number => countTokens(text, { disallowedSpecial: new Set() });

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("countTextTokens", () => {
  it("is 0 for the empty string", () => {
    expect(countTextTokens("")).toBe(0);
  });

  it("matches gpt-tokenizer's o200k_base count on ordinary text", () => {
    const samples = [
      "hello world",
      "The quick brown fox jumps over the lazy dog.",
      "function add(a, b) {\n  return a + b;\n}\n\n// done",
      "don't I'LL we've THEY'RE",
      "naïve café — 漢字かなカナ한국어 😀👍🏽",
      "12345678901234567890 3.14159",
      "   \n\n\t  indented\r\n",
      '{"city":"Paris","days":[1,2,3]}',
      "\uD800 lone surrogate",
    ];
    for (const text of samples) expect(countTextTokens(text), text).toBe(reference(text));
  });

  it("counts special-token text as ordinary text instead of throwing", () => {
    const text = "<|endoftext|> and <|im_start|>user";
    expect(countTextTokens(text)).toBe(reference(text));
    expect(countTextTokens(text)).toBeGreaterThan(2);
  });

  it("matches gpt-tokenizer on random text (seeded)", () => {
    const random = seededRandom(7);
    const alphabet = "aAbB zZ0 9.,;'\n\t-_/\\\"é漢😀か한\u0301!?€";
    for (let k = 0; k < 500; k++) {
      let text = "";
      const length = Math.floor(random() * 200);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      expect(countTextTokens(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it("matches gpt-tokenizer on long single pieces (the heap merge)", () => {
    for (const text of ["a".repeat(5000), "ab".repeat(2500), "漢".repeat(2000), "!".repeat(3000), " ".repeat(4000) + "x", "😀".repeat(1000)]) {
      expect(countTextTokens(text)).toBe(reference(text));
    }
  });

  it("counts a piece over 1 MiB at one token per byte, an upper bound", () => {
    const text = "a".repeat(MAX_MERGED_PIECE_BYTES + 1);
    expect(countTextTokens(text)).toBe(MAX_MERGED_PIECE_BYTES + 1);
    expect(countTextTokens(text)).toBeGreaterThanOrEqual(Math.ceil(text.length / 8)); // 8-letter tokens at best
  });

  it("counts a 1 MB single-letter run exactly", () => {
    // One piece just under the cap: gpt-tokenizer would take minutes here (O(n²) merging).
    expect(countTextTokens("a".repeat(1_000_000))).toBe(125_000);
  });
});
