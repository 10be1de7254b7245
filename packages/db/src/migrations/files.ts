// Prisma's migration folder layout: prisma/migrations/<timestamp>_<name>/migration.sql.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of the file, hex: what Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

export const prismaDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../prisma");
export const migrationsDir = join(prismaDir, "migrations");
export const schemaPath = join(prismaDir, "schema.prisma");

export async function readMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function readSchema(path = schemaPath): Promise<{ path: string; content: string }> {
  return { path, content: await readFile(path, "utf8") };
}
