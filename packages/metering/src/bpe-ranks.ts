// o200k_base's merge ranks keyed by each token's bytes, built on first use: the table is only
// needed when an upstream reports no usage (or a client leaves first), so a gateway that never
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

/**
 * o200k_base's ~200k tokens in about 5 MB of buffers instead of a Map of 200k strings (loaded,
 * about 13 MB of heap and external memory instead of about 24 MB): every token's bytes in one
 * buffer, and an open-addressing hash table (linear probing, FNV-1a over the key's chars) of
 * entry numbers. Keys are binary strings, as above.
 */
export class RankTable {
  readonly size: number;
  private readonly bytes: Buffer;
  private readonly offsets: Uint32Array;
  private readonly ranks: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `decoder[rank]`: a token's text (UTF-8) or its bytes; holes are unused ranks. */
  constructor(decoder: readonly (string | number[])[]) {
    let size = 0;
    let total = 0;
    decoder.forEach((token) => {
      size++;
      total += typeof token === "string" ? Buffer.byteLength(token, "utf8") : token.length;
    });
    this.size = size;
    this.bytes = Buffer.allocUnsafe(total);
    this.offsets = new Uint32Array(size + 1);
    this.ranks = new Int32Array(size);
    let capacity = 1;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let entry = 0;
    let offset = 0;
    decoder.forEach((token, rank) => {
      const start = offset;
      if (typeof token === "string") offset += this.bytes.write(token, offset, "utf8");
      else for (const byte of token) this.bytes[offset++] = byte;
      this.offsets[entry] = start;
      this.ranks[entry] = rank;
      let slot = hashBytes(this.bytes, start, offset) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = ++entry;
    });
    this.offsets[size] = offset;
  }

  /** The rank of the token whose bytes are `key` (a binary string), or undefined. */
  get(key: string): number | undefined {
    let slot = hashString(key) & this.mask;
    for (;;) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return undefined;
      if (this.equals(entry, key)) return this.ranks[entry];
      slot = (slot + 1) & this.mask;
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Every token as [binary string, rank]. */
  *entries(): IterableIterator<[string, number]> {
    for (let entry = 0; entry < this.size; entry++) {
      yield [this.bytes.toString("latin1", this.offsets[entry], this.offsets[entry + 1]), this.ranks[entry]!];
    }
  }

  private equals(entry: number, key: string): boolean {
    const start = this.offsets[entry]!;
    if (this.offsets[entry + 1]! - start !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (this.bytes[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 0;
}

function hashString(key: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

let rankByBytes: RankTable | undefined;

/** Token rank by its bytes as a binary string (the table is loaded and built on the first call). */
export function ranksByBytes(): RankTable {
  if (rankByBytes === undefined) {
    // A synchronous load of the data module (CommonJS build), so counting stays synchronous; the
    // module is dropped from require's cache afterwards, so only the compact table stays in memory.
    const require = createRequire(import.meta.url);
    const path = require.resolve("gpt-tokenizer/bpeRanks/o200k_base");
    const data = require(path) as { default: readonly (string | number[])[] };
    rankByBytes = new RankTable(data.default);
    delete require.cache[path];
  }
  return rankByBytes;
}
