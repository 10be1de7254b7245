// When a key is checked next. Each key's delay is stretched by its own fixed factor in
// [0.8, 1.2), derived from its id, so checks spread out instead of arriving together.
import { createHash } from "node:crypto";

export type CheckOutcome = "ok" | "auth_failure" | "inconclusive";

/** After an authentication failure, look again soon; after a network error or 429, a bit later. */
const RETRY_AFTER_AUTH_FAILURE_MS = 5 * 60_000;
const RETRY_AFTER_INCONCLUSIVE_MS = 15 * 60_000;

export function jitterFactor(keyId: string): number {
  const n = createHash("sha256").update(keyId).digest().readUInt32BE(0);
  return 0.8 + (n / 2 ** 32) * 0.4;
}

export function nextCheckAt(now: Date, outcome: CheckOutcome, intervalMinutes: number, keyId: string): Date {
  const base = outcome === "ok" ? intervalMinutes * 60_000 : outcome === "auth_failure" ? RETRY_AFTER_AUTH_FAILURE_MS : RETRY_AFTER_INCONCLUSIVE_MS;
  return new Date(now.getTime() + Math.round(base * jitterFactor(keyId)));
}
