// Failed sign-ins are counted per email address in Redis (shared by every api process); after
// `maxFailures` within the window, further attempts are refused until the window ends.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface SignInLimiter {
  /** Seconds to wait, or 0 when an attempt is allowed. */
  blockedFor(email: string): Promise<number>;
  recordFailure(email: string): Promise<void>;
  reset(email: string): Promise<void>;
}

export function createSignInLimiter(redis: Redis, prefix: string, limits: { maxFailures: number; windowSeconds: number }): SignInLimiter {
  const key = (email: string) => `${prefix}:signin-failures:${createHash("sha256").update(email).digest("hex")}`;
  return {
    async blockedFor(email) {
      const [count, ttl] = ((await redis.multi().get(key(email)).ttl(key(email)).exec()) ?? []).map(([, value]) => value);
      return Number(count ?? 0) >= limits.maxFailures ? Math.max(1, Number(ttl)) : 0;
    },
    async recordFailure(email) {
      await redis.multi().incr(key(email)).expire(key(email), limits.windowSeconds, "NX").exec();
    },
    async reset(email) {
      await redis.del(key(email));
    },
  };
}
