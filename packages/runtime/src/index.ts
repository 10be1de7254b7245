export { connectRedis, createRedisClient, redactUrl, DEFAULT_REDIS_URL, type RedisHandle, type RedisOptions } from "./redis.ts";
export { canConnect } from "./redis-probe.ts";
export { startPrivateRedis, type PrivateRedis } from "./private-redis.ts";
export { listen, withRequestLog, type NodeHandler, type RunningServer, type UpgradeHandler } from "./http.ts";
export { handleHealth, readiness, type Readiness } from "./health.ts";
export { serveRole } from "./role-server.ts";
export { invalidationChannel, publishInvalidation, subscribeInvalidations, type Invalidation } from "./invalidation.ts";
export { parseCompletedRequests, publishCompletedRequests, requestFeedChannel, type CompletedRequest } from "./request-feed.ts";
export type { Lifecycle, Services, RoleHandle } from "./services.ts";
