// The adapter interface every upstream protocol implements. The gateway speaks OpenAI chat
// completions to clients; an adapter turns that into its upstream's request and turns the
// answer back into OpenAI's shapes (a completion object, or a stream of chunk payloads).
import type { ProviderDefinition } from "@switchyard/catalog";

export type KeySource = "credits" | "byok";

/** Where one attempt goes and with which key. The secret never leaves this object. */
export interface UpstreamTarget {
  provider: ProviderDefinition;
  /** The provider's base URL after operator overrides (or a tenant's custom URL). */
  baseUrl: string;
  upstreamModel: string;
  secret: string;
  keySource: KeySource;
  /** Tenant-supplied URL: connect only to public addresses unless allow-listed. */
  untrustedUrl: boolean;
}

export interface ChatUpstreamRequest {
  target: UpstreamTarget;
  /** The client's validated body (unknown parameters included). */
  body: Record<string, unknown>;
  stream: boolean;
  signal: AbortSignal;
}

/** One server-sent event's data from the upstream, OpenAI chunk JSON or "[DONE]". */
export type StreamEvents = AsyncIterable<string>;

export type UpstreamFailureKind = "auth" | "rate_limit" | "server" | "timeout" | "connection" | "client";

export interface UpstreamFailure {
  ok: false;
  kind: UpstreamFailureKind;
  /** Upstream HTTP status, or the gateway's (502 connection, 504 timeout). */
  status: number;
  message: string;
  code: string | null;
  param: string | null;
  retryAfter: string | null;
}

export type UpstreamOutcome =
  | { ok: true; stream: false; completion: Record<string, unknown> }
  | { ok: true; stream: true; events: StreamEvents }
  | UpstreamFailure;

export interface ChatAdapter {
  chat(request: ChatUpstreamRequest): Promise<UpstreamOutcome>;
  /** A small request proving a key works (used before a key is saved). */
  validateKey(target: UpstreamTarget, signal: AbortSignal): Promise<{ ok: true } | UpstreamFailure>;
}

/** Should the next planned attempt be tried? (Only before the first byte reached the client.) */
export function isRetryable(failure: UpstreamFailure): boolean {
  return failure.kind !== "client";
}
