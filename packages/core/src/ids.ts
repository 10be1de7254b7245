// Random identifiers: a short type prefix and lowercase base-36 characters, URL- and key-safe
// (no `-`, so `sy-<id>-<secret>` splits cleanly).
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

// Random bytes are drawn from the CSPRNG in blocks and handed out once each: one system call per
// few hundred ids instead of one per id (ids are made on every request). A byte is never reused.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let at = 0;

function nextByte(): number {
  if (at === pool.length) {
    pool = randomBytes(POOL_BYTES);
    at = 0;
  }
  return pool[at++]!;
}

/** `length` characters drawn uniformly from [0-9a-z] (rejection sampling, no modulo bias). */
export function randomToken(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = nextByte();
    if (byte < 252) out += ALPHABET[byte % 36];
  }
  return out;
}

export type IdPrefix = "usr" | "org" | "mem" | "prj" | "key" | "tok" | "ses" | "pk" | "cp" | "led" | "evt" | "rol" | "prc" | "aud" | "req";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(20)}`;
}
