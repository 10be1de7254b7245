// One Prisma client over either database: PostgreSQL through @prisma/adapter-pg when a URL is
// configured, otherwise the embedded PGlite kept in the data directory. Each driver is imported
// only when it is opened: a process on PostgreSQL never loads PGlite (tens of MB), and the
// embedded default never loads pg.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { PrismaClient } from "./generated/prisma/client.ts";
import { lockPGliteDir } from "./pglite-lock.ts";
import { pgliteSql, pgSql, type SqlDatabase } from "./sql.ts";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  sql: SqlDatabase;
  /** Resolves when a trivial query succeeds; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { databaseUrl: string }
  /** `dataDir` undefined: an in-memory PGlite (tests). */
  | { dataDir: string | undefined };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return "dataDir" in target ? openPGlite(target.dataDir) : openPostgres(target.databaseUrl);
}

async function openPostgres(connectionString: string): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const pool = new pg.Pool({ connectionString, max: 4 });
  pool.on("error", () => {}); // idle-client errors surface on the next query instead of crashing
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  const sql = pgSql(pool);
  return {
    kind: "postgres",
    prisma,
    sql,
    ping: () => sql.session(async (s) => void (await s.query("SELECT 1"))),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPGlite(dataDir: string | undefined): Promise<Database> {
  let dir: string | undefined;
  let unlock = async () => {};
  if (dataDir) {
    dir = join(dataDir, "pglite");
    await mkdir(dir, { recursive: true });
    unlock = await lockPGliteDir(dataDir);
  }
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady.catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  return {
    kind: "pglite",
    prisma,
    sql: pgliteSql(db),
    ping: async () => void (await db.query("SELECT 1")),
    async close() {
      await prisma.$disconnect();
      await db.close();
      await unlock();
    },
  };
}
