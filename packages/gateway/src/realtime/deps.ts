// What the realtime relay needs: the chat pieces (directory, org keys, balances, prices, sink,
// rates), the authenticator, and its own settings.
import type { Logger } from "@switchyard/core";
import type { Allowlist } from "@switchyard/providers";
import type { Authenticator } from "../auth.ts";
import type { ChatDeps } from "../chat/run.ts";

export interface RealtimeDeps {
  auth: Authenticator;
  chat: ChatDeps;
  logger: Logger;
  /** Hosts and CIDRs tenant URLs may reach despite the SSRF guard. */
  allowlist: Allowlist;
  /** Close a session after this long without a frame in either direction. */
  idleMs: number;
  /** Time allowed for an upstream handshake and its first event. */
  connectTimeoutMs: number;
  /** Largest frame accepted from either side. */
  maxPayload?: number;
}

export const DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;
