// A raw SQL connection beside Prisma, for migrations and health checks.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

export interface SqlDatabase {
  /** Runs `fn` on one connection, held for its whole duration. */
  session<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
}

export function pgliteSql(db: PGlite): SqlDatabase {
  const session: SqlSession = {
    async query<T>(sql: string, params?: unknown[]) {
      return (await db.query(sql, params)).rows as T[];
    },
    async exec(script: string) {
      await db.exec(script);
    },
  };
  return { session: (fn) => fn(session) };
}

export function pgSql(pool: pg.Pool): SqlDatabase {
  return {
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async query<T>(sql: string, params?: unknown[]) {
            return (await client.query(sql, params)).rows as T[];
          },
          async exec(script: string) {
            await client.query(script);
          },
        });
      } finally {
        client.release();
      }
    },
  };
}
