// Random identifiers: a short type prefix and lowercase base-36 characters, URL- and key-safe
// (no `-`, so `sy-<id>-<secret>` splits cleanly).
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** `length` characters drawn uniformly from [0-9a-z] (rejection sampling, no modulo bias). */
export function randomToken(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && out.length < length) out += ALPHABET[byte % 36];
    }
  }
  return out;
}

export type IdPrefix = "usr" | "org" | "mem" | "prj" | "key" | "tok" | "ses" | "pk" | "cp" | "led" | "evt" | "rol" | "prc" | "aud" | "req";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomToken(20)}`;
}
