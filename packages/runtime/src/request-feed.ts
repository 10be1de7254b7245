// The live request feed: after the worker commits a batch of usage events it publishes them
// (one message per batch, a JSON array) on `<prefix>:requests`; the control plane relays them
// to dashboards subscribed to a project. Only what a dashboard shows: ids, model, status,
// tokens, cost strings and timings — never a secret, a prompt or a completion.
import type { Redis } from "ioredis";

export interface CompletedRequest {
  requestId: string;
  organizationId: string;
  projectId: string;
  apiKeyId: string;
  providerId: string;
  model: string;
  endpoint: string;
  keySource: "credits" | "byok";
  status: "success" | "upstream_error" | "client_error" | "client_abort";
  httpStatus: number | null;
  errorCode: string | null;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  usageEstimated: boolean;
  /** Decimal strings (USD). */
  costTotal: string;
  markup: string;
  amountBilled: string;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  attempts: number;
  /** ISO time the request arrived. */
  createdAt: string;
}

export function requestFeedChannel(prefix: string): string {
  return `${prefix}:requests`;
}

/** One publish for the whole batch; nothing is sent for an empty one. */
export async function publishCompletedRequests(redis: Redis, prefix: string, requests: readonly CompletedRequest[]): Promise<void> {
  if (requests.length === 0) return;
  await redis.publish(requestFeedChannel(prefix), JSON.stringify(requests));
}

const STRINGS = ["requestId", "organizationId", "projectId", "apiKeyId", "providerId", "model", "endpoint", "keySource", "status", "costTotal", "markup", "amountBilled", "createdAt"] as const;

/** The well-formed requests of a feed message (malformed entries are dropped). */
export function parseCompletedRequests(raw: string): CompletedRequest[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is CompletedRequest => {
    if (typeof item !== "object" || item === null) return false;
    const record = item as Record<string, unknown>;
    return STRINGS.every((k) => typeof record[k] === "string") && typeof record.latencyMs === "number" && typeof record.promptTokens === "number";
  });
}
