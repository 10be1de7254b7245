// o200k_base's merge ranks keyed by each token's bytes, built on first use: the table (about
// 80 MB in memory) is only needed when an upstream reports no usage, so a gateway that never
// estimates never loads it. A key is a "binary string", one char per byte (char codes 0–255):
// ASCII text is its own key, and any byte sequence, valid UTF-8 or not, is looked up with a plain
// string slice. Only gpt-tokenizer's public data modules are used (its rank table and split pattern).
import { createRequire } from "node:module";
import { O200K_TOKEN_SPLIT_REGEX } from "gpt-tokenizer/encodingParams/constants";

/** o200k_base's pre-tokenization pattern (global, unicode): text is split into pieces first. */
export const PIECE_PATTERN: RegExp = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, O200K_TOKEN_SPLIT_REGEX.flags);

/** True when every char of `text` is ASCII, so its binary string is the text itself. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The UTF-8 bytes of `text` as a binary string (lone surrogates become U+FFFD, as in the tokenizer). */
export function toByteString(text: string): string {
  return isAscii(text) ? text : Buffer.from(text, "utf8").toString("latin1");
}

function buildRankMap(decoder: readonly (string | number[])[]): Map<string, number> {
  const map = new Map<string, number>();
  // forEach skips holes (unused ranks).
  decoder.forEach((token, rank) => {
    map.set(typeof token === "string" ? toByteString(token) : String.fromCharCode(...token), rank);
  });
  return map;
}

let rankByBytes: ReadonlyMap<string, number> | undefined;

/** Token rank by its bytes as a binary string (the table is loaded and built on the first call). */
export function ranksByBytes(): ReadonlyMap<string, number> {
  if (rankByBytes === undefined) {
    // A synchronous load of the data module (CommonJS build), so counting stays synchronous.
    const data = createRequire(import.meta.url)("gpt-tokenizer/bpeRanks/o200k_base") as { default: readonly (string | number[])[] };
    rankByBytes = buildRankMap(data.default);
  }
  return rankByBytes;
}
