// The benchmark's own PostgreSQL database and Redis key prefix: created fresh, removed at the end.
// `pg` and `ioredis` are not dependencies of the gateway: they are loaded from the packages that
// depend on them (@switchyard/db, @switchyard/runtime), typed by the little we use.
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { USAGE_QUEUE } from "@switchyard/queue";

interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rowCount: number | null; rows: Array<Record<string, unknown>> }>;
  end(): Promise<void>;
}
interface PgModule {
  Client: new (config: { connectionString: string; connectionTimeoutMillis?: number }) => PgClient;
}
interface RedisClient {
  llen(key: string): Promise<number>;
  zcard(key: string): Promise<number>;
  scan(cursor: string, match: "MATCH", pattern: string, count: "COUNT", n: number): Promise<[string, string[]]>;
  unlink(...keys: string[]): Promise<number>;
  quit(): Promise<unknown>;
  disconnect(): void;
}
interface IoRedisModule {
  Redis: new (url: string, options: { maxRetriesPerRequest: number; connectTimeout: number; lazyConnect: boolean }) => RedisClient & { connect(): Promise<void> };
}

const pg = createRequire(new URL("../../db/package.json", import.meta.url))("pg") as PgModule;
const ioredis = createRequire(new URL("../../runtime/package.json", import.meta.url))("ioredis") as IoRedisModule;

export function randomSuffix(): string {
  return randomBytes(5).toString("hex");
}

async function withClient<T>(url: string, use: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** CREATE DATABASE sy_bench_<random> on the server of `adminUrl`; `drop()` removes it (connections or not). */
export async function createDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `sy_bench_${randomSuffix()}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => dropDatabase(adminUrl, name),
  };
}

/** DROP DATABASE … WITH (FORCE): open connections (a gateway that is still running) do not stop it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  if (!/^sy_bench_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}: not a benchmark database`);
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Gives every organization a large credit balance; returns how many balances were updated. */
export async function grantCredits(databaseUrl: string, amount: number): Promise<number> {
  return withClient(databaseUrl, async (c) => {
    const result = await c.query(`UPDATE "CreditBalance" SET balance = ${Number(amount)}, "updatedAt" = now()`);
    return result.rowCount ?? 0;
  });
}

/** Usage events in the database: how many, and the amount billed to credits. */
export async function usageEventTotals(databaseUrl: string): Promise<{ events: number; billed: string }> {
  return withClient(databaseUrl, async (c) => {
    const { rows } = await c.query(`SELECT count(*)::int AS events, coalesce(sum("amountBilled"), 0)::text AS billed FROM "UsageEvent"`);
    return { events: Number(rows[0]?.events ?? 0), billed: String(rows[0]?.billed ?? "0") };
  });
}

/** BullMQ jobs of the usage queue not yet processed (waiting, active, prioritized, delayed, paused). */
export async function usageBacklog(redisUrl: string, prefix: string): Promise<number> {
  const redis = new ioredis.Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  try {
    await redis.connect();
    const key = (name: string) => `${prefix}:${USAGE_QUEUE}:${name}`;
    const counts = await Promise.all([redis.llen(key("wait")), redis.llen(key("active")), redis.llen(key("paused")), redis.zcard(key("prioritized")), redis.zcard(key("delayed"))]);
    await redis.quit();
    return counts.reduce((a, b) => a + b, 0);
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

/** Deletes every Redis key starting with `prefix`; returns how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!/^bench-[0-9a-f]+$/.test(prefix)) throw new Error(`refusing to delete ${prefix}*: not a benchmark prefix`);
  const redis = new ioredis.Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = "0";
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      if (keys.length > 0) deleted += await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== "0");
    await redis.quit();
    return deleted;
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}
