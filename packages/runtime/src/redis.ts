// Redis connection for the roles: the configured URL, else the local default, else (all-in-one
// start only) a private redis-server kept under the data directory.
import { Redis } from "ioredis";
import { SwitchyardError, type Logger } from "@switchyard/core";
import { startPrivateRedis, type PrivateRedis } from "./private-redis.ts";
import { canConnect } from "./redis-probe.ts";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface RedisHandle {
  url: string;
  client: Redis;
  /** Set when Switchyard started its own redis-server. */
  privateServer: PrivateRedis | undefined;
  close(): Promise<void>;
}

export interface RedisOptions {
  configuredUrl: string | undefined;
  defaultUrl?: string;
  dataDir: string;
  /** May a private redis-server be started when nothing answers? (all-in-one start) */
  allowPrivate: boolean;
  logger: Logger;
}

export function createRedisClient(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest null; health checks bound their own waiting time.
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, enableOfflineQueue: true });
}

export async function connectRedis(options: RedisOptions): Promise<RedisHandle> {
  const { logger } = options;
  let url = options.configuredUrl ?? options.defaultUrl ?? DEFAULT_REDIS_URL;
  let privateServer: PrivateRedis | undefined;
  if (!(await canConnect(url))) {
    if (options.configuredUrl || !options.allowPrivate) {
      throw new SwitchyardError("service_unavailable", `Redis is not reachable at ${redactUrl(url)}. ${HOW_TO_GET_REDIS}`);
    }
    privateServer = await startPrivateRedis(options.dataDir, logger);
    if (!privateServer) {
      throw new SwitchyardError("service_unavailable", `No Redis answers at ${redactUrl(url)} and redis-server is not on PATH. ${HOW_TO_GET_REDIS}`);
    }
    url = privateServer.url;
  }
  const client = createRedisClient(url);
  client.on("error", (error) => logger.warn({ err: error.message }, "redis connection error"));
  await client.connect();
  await checkEvictionPolicy(client, logger);
  return {
    url,
    client,
    privateServer,
    async close() {
      await quitRedis(client);
      await privateServer?.stop();
    },
  };
}

/** QUIT when connected (flushes pending replies); otherwise, or if QUIT hangs, drop the socket. */
export async function quitRedis(client: Redis, timeoutMs = 1000): Promise<void> {
  if (client.status === "ready") {
    const timer = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    await Promise.race([client.quit().catch(() => undefined), timer]);
  }
  client.disconnect();
}

const HOW_TO_GET_REDIS =
  "Set REDIS_URL to a running Redis (6.2+), or install one: `apt-get install redis-server`, `brew install redis`, or `docker run -p 6379:6379 redis:7`.";

/** BullMQ loses jobs if Redis evicts keys: warn unless the policy is noeviction. */
async function checkEvictionPolicy(client: Redis, logger: Logger): Promise<void> {
  try {
    const [, policy] = (await client.config("GET", "maxmemory-policy")) as [string, string];
    if (policy !== "noeviction") {
      logger.warn({ policy }, "Redis maxmemory-policy should be noeviction: queued usage events can be evicted otherwise");
    }
  } catch {
    logger.warn("could not read Redis maxmemory-policy (CONFIG disabled?); make sure it is noeviction");
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
