// How the meter knows a response (or a transcribed item part): by the upstream's own id, so that
// response.created, its deltas and its response.done meet whatever characters the id has (an id
// longer than MAX_KEY_CHARS is known by its digest, so a huge id costs no memory). Only the
// usage event's request id needs safe characters (BullMQ job ids may not hold ":"): a key that
// has any other is written as its safe characters and a digest of the whole, so two ids never
// share a request id.
import { createHash } from "node:crypto";

const SAFE = /^[\w.-]{1,96}$/;
export const MAX_KEY_CHARS = 256;

const digest = (text: string): string => createHash("sha256").update(text).digest("hex");

/** The key a response is billed under, from its id. */
export function billingKey(id: string): string {
  return id.length <= MAX_KEY_CHARS ? id : `sha256-${digest(id)}`;
}

/** The key's part of the usage event's request id: the key itself when it is safe there. */
export function requestIdPart(key: string): string {
  if (SAFE.test(key)) return key;
  return `${key.replace(/[^\w.-]/g, "_").slice(0, 48)}-${digest(key).slice(0, 16)}`;
}
