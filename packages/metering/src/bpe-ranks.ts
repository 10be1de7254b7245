// o200k_base's merge ranks keyed by each token's bytes, built once per process at import.
// A key is a "binary string", one char per byte (char codes 0–255): ASCII text is its own key,
// and any byte sequence, valid UTF-8 or not, is looked up with a plain string slice.
// Only gpt-tokenizer's public data modules are used (its rank table and split pattern).
import ranks from "gpt-tokenizer/bpeRanks/o200k_base";
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

/** Token rank by its bytes as a binary string. */
export const RANK_BY_BYTES: ReadonlyMap<string, number> = buildRankMap(ranks);
