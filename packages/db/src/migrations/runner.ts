// Applies prisma/migrations in order and records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so both tools agree about what has been applied.
import { randomUUID } from "node:crypto";
import { SwitchyardError } from "@switchyard/core";
import type { SqlDatabase, SqlSession } from "../sql.ts";
import { type MigrationFile, readMigrations } from "./files.ts";

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Serialises concurrent starts (several gateways booting at once) on PostgreSQL.
const LOCK_KEY = 72_707_369;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface MigrateResult {
  applied: string[];
  /** Applied earlier, but the file has changed since. */
  modified: string[];
}

export async function migrate(db: SqlDatabase, migrations?: MigrationFile[]): Promise<MigrateResult> {
  const files = migrations ?? (await readMigrations());
  return db.session(async (s) => {
    await s.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      return await applyPending(s, files);
    } finally {
      await s.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}

async function applyPending(s: SqlSession, files: MigrationFile[]): Promise<MigrateResult> {
  await s.exec(CREATE_TABLE);
  const rows = await s.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new SwitchyardError("migration_failed", `Migration ${failed.migration_name} failed earlier; fix the database and mark it rolled back before migrating again.`);
  }
  const done = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  const result: MigrateResult = { applied: [], modified: [] };
  for (const file of files) {
    const checksum = done.get(file.name);
    if (checksum !== undefined) {
      if (checksum !== file.checksum) result.modified.push(file.name);
      continue;
    }
    await applyOne(s, file);
    result.applied.push(file.name);
  }
  return result;
}

async function applyOne(s: SqlSession, file: MigrationFile): Promise<void> {
  await s.exec("BEGIN");
  try {
    await s.exec(file.sql);
    await s.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), file.checksum, file.name],
    );
    await s.exec("COMMIT");
  } catch (error) {
    await s.exec("ROLLBACK");
    const reason = error instanceof Error ? error.message : String(error);
    throw new SwitchyardError("migration_failed", `Migration ${file.name} failed and was rolled back: ${reason}`);
  }
}
