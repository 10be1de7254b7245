// The close codes the realtime relay sends to clients (RFC 6455 §7.4; 4000–4999 are the
// application's own). Upstream close codes that may be sent on are passed through as they are.
export const CLOSE = {
  /** Either side ended the session normally. */
  normal: 1000,
  /** The gateway is shutting down (or the client went away: sent upstream). */
  goingAway: 1001,
  /** The upstream dropped the connection or failed: an `error` event precedes it. */
  upstreamError: 1011,
  /** No frame in either direction for SWITCHYARD_REALTIME_IDLE_SECONDS. */
  idleTimeout: 4408,
  /** A credits session whose organization ran out of credit (checked after each billed response or transcription). */
  creditsExhausted: 4402,
} as const;

/** Codes a peer may send in a close frame (1004, 1005, 1006 and 1015 may not; `ws` refuses them). */
export function isSendable(code: number): boolean {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999);
}

/** Close reasons are at most 123 bytes. */
export function reasonOf(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}
