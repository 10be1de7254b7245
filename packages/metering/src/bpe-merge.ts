// Byte pair merging of one piece, counting the tokens it becomes. Same result as tiktoken's merge
// loop (repeatedly merge the adjacent pair of lowest rank, leftmost first), but with a heap instead
// of a rescan per merge: O(n log n) instead of O(n²), so a 1 MB run of one letter takes a fraction
// of a second instead of minutes. Scratch buffers are reused across calls (JS is single-threaded).
import { ranksByBytes } from "./bpe-ranks.ts";

const NO_RANK = 0x7fffffff;
/** Heap keys pack (rank, position) into one float: rank × 2³² + position, exact below 2⁵³. */
const POSITION_SPAN = 2 ** 32;
/** Scratch buffers grown past this many bytes are dropped after use rather than kept. */
const KEPT_SCRATCH_BYTES = 1 << 16;

/** Rank of every two-byte token by (first byte << 8 | second byte): the first round needs no strings. Built on first use. */
let bytePairRank: Int32Array | undefined;

let next = new Int32Array(0);
let prev = new Int32Array(0);
let pairRank = new Int32Array(0);
let dead = new Uint8Array(0);
let heap = new Float64Array(0);
let heapSize = 0;

/** Tokens the byte string `bytes` (one char per byte) merges into. */
export function countMergedTokens(bytes: string): number {
  const n = bytes.length;
  if (n <= 1) return n;
  reserve(n);
  try {
    return merge(bytes);
  } finally {
    if (n > KEPT_SCRATCH_BYTES) reserve(0, true);
  }
}

function merge(bytes: string): number {
  const n = bytes.length;
  const pairRanks = (bytePairRank ??= buildBytePairRanks());
  heapSize = 0;
  for (let i = 0; i < n; i++) {
    next[i] = i + 1;
    prev[i] = i - 1;
    dead[i] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    const rank = pairRanks[(bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1)]!;
    pairRank[i] = rank;
    if (rank !== NO_RANK) heapPush(rank * POSITION_SPAN + i);
  }
  pairRank[n - 1] = NO_RANK;

  let parts = n;
  while (heapSize > 0) {
    const key = heapPop();
    const rank = Math.floor(key / POSITION_SPAN);
    const i = key - rank * POSITION_SPAN;
    // A part's pair only ever becomes a longer byte string, and ranks are unique per byte string,
    // so an entry whose rank no longer matches is stale.
    if (dead[i] === 1 || pairRank[i] !== rank) continue;
    const j = next[i]!;
    const k = next[j]!;
    next[i] = k;
    if (k < n) prev[k] = i;
    dead[j] = 1;
    parts--;
    pairRank[i] = rankPair(bytes, i);
    const p = prev[i]!;
    if (p >= 0) pairRank[p] = rankPair(bytes, p);
  }
  return parts;
}

/** Rank of merging part `i` with the part after it (and queues it), or NO_RANK. */
function rankPair(bytes: string, i: number): number {
  const j = next[i]!;
  if (j >= bytes.length) return NO_RANK;
  const rank = ranksByBytes().get(bytes.slice(i, next[j]));
  if (rank === undefined) return NO_RANK;
  heapPush(rank * POSITION_SPAN + i);
  return rank;
}

function reserve(n: number, shrink = false): void {
  if (!shrink && next.length >= n) return;
  const size = shrink ? n : Math.max(n, next.length * 2, 64);
  next = new Int32Array(size);
  prev = new Int32Array(size);
  pairRank = new Int32Array(size);
  dead = new Uint8Array(size);
  // At most n - 1 initial pairs plus two per merge.
  heap = new Float64Array(3 * size);
}

function heapPush(key: number): void {
  let i = heapSize++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = heap[parent]!;
    if (above <= key) break;
    heap[i] = above;
    i = parent;
  }
  heap[i] = key;
}

function heapPop(): number {
  const top = heap[0]!;
  const last = heap[--heapSize]!;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= heapSize) break;
    const right = child + 1;
    if (right < heapSize && heap[right]! < heap[child]!) child = right;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}

function buildBytePairRanks(): Int32Array {
  const table = new Int32Array(1 << 16).fill(NO_RANK);
  for (const [bytes, rank] of ranksByBytes().entries()) {
    if (bytes.length === 2) table[(bytes.charCodeAt(0) << 8) | bytes.charCodeAt(1)] = rank;
  }
  return table;
}
