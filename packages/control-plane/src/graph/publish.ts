// Routing changes reach every gateway over Redis pub/sub at once. A failed publish is logged,
// never fatal: gateways still drop cached entries when their short TTL ends.
import { publishInvalidation, type Invalidation } from "@switchyard/runtime";
import type { Context } from "./context.ts";

export async function publish(ctx: Pick<Context, "deps">, message: Invalidation): Promise<void> {
  try {
    await publishInvalidation(ctx.deps.redis, ctx.deps.redisPrefix, message);
  } catch (error) {
    ctx.deps.logger.warn({ err: (error as Error).message, invalidation: message.type }, "could not publish an invalidation");
  }
}
