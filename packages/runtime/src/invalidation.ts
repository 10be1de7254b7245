// Cache invalidation across processes over Redis pub/sub: the control plane (and the worker)
// publish what changed; every gateway drops its cached copy at once instead of waiting for
// the cache TTL.
import type { Redis } from "ioredis";
import type { Logger } from "@switchyard/core";

export type Invalidation =
  /** An API key was revoked, renamed or expired. */
  | { type: "api-key"; id: string }
  /** A project's mode or fallback policy changed, or it was archived. */
  | { type: "project"; id: string }
  /** An organization's provider keys, custom providers or balance changed. */
  | { type: "organization"; id: string }
  /** Only an organization's balance changed (the worker billed usage). */
  | { type: "balance"; id: string }
  /** An operator price override was set or deleted (prices are deployment-wide: no id). */
  | { type: "prices" };

const TYPES = new Set(["api-key", "project", "organization", "balance", "prices"]);

export function invalidationChannel(prefix: string): string {
  return `${prefix}:invalidate`;
}

export async function publishInvalidation(redis: Redis, prefix: string, message: Invalidation): Promise<void> {
  await redis.publish(invalidationChannel(prefix), JSON.stringify(message));
}

function parse(raw: string): Invalidation | undefined {
  try {
    const m = JSON.parse(raw) as { type?: unknown; id?: unknown };
    if (m.type === "prices") return { type: "prices" };
    return typeof m.type === "string" && TYPES.has(m.type) && typeof m.id === "string" ? (m as Invalidation) : undefined;
  } catch {
    return undefined;
  }
}

/** Subscribes on a dedicated connection (a subscribed connection can do nothing else). */
export async function subscribeInvalidations(redis: Redis, prefix: string, logger: Logger, onMessage: (m: Invalidation) => void): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on("error", (error) => logger.warn({ err: error.message }, "invalidation subscriber error"));
  const channel = invalidationChannel(prefix);
  subscriber.on("message", (from: string, raw: string) => {
    if (from !== channel) return;
    const message = parse(raw);
    if (message) onMessage(message);
    else logger.warn("ignored a malformed invalidation message");
  });
  await subscriber.subscribe(channel);
  return async () => {
    await subscriber.quit().catch(() => subscriber.disconnect());
  };
}
