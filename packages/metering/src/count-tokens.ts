// o200k_base token count of plain text: exact (equal to gpt-tokenizer's countTokens, which the
// tests check), except that a single piece over 1 MiB counts one token per byte, an upper bound
// (every token is at least one byte) that caps the work and memory a pathological input can cost.
// Special-token text such as "<|endoftext|>" counts as ordinary text, as in a chat message.
import { countMergedTokens } from "./bpe-merge.ts";
import { PIECE_PATTERN, ranksByBytes, toByteString } from "./bpe-ranks.ts";

/** Pieces (runs of letters, punctuation or spaces) longer than this are counted by bytes. */
export const MAX_MERGED_PIECE_BYTES = 1 << 20;
/** Pieces up to this many chars have their counts remembered; longer ones are rare and big. */
const CACHED_PIECE_MAX_CHARS = 64;
const CACHE_MAX_ENTRIES = 50_000;
const pieceCache = new Map<string, number>();

export function countTextTokens(text: string): number {
  if (text === "") return 0;
  let count = 0;
  for (const match of text.matchAll(PIECE_PATTERN)) count += countPiece(match[0]);
  return count;
}

function countPiece(piece: string): number {
  const cacheable = piece.length <= CACHED_PIECE_MAX_CHARS;
  if (cacheable) {
    const cached = pieceCache.get(piece);
    if (cached !== undefined) return cached;
  }
  const bytes = toByteString(piece);
  const count = ranksByBytes().has(bytes) ? 1 : bytes.length > MAX_MERGED_PIECE_BYTES ? bytes.length : countMergedTokens(bytes);
  if (cacheable) {
    if (pieceCache.size >= CACHE_MAX_ENTRIES) pieceCache.clear();
    pieceCache.set(piece, count);
  }
  return count;
}
