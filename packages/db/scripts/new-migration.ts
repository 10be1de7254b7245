// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// migration history and prisma/schema.prisma, offline (Prisma's wasm schema engine).
// Usage: pnpm db:migration <name>
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { diffSql, isEmptyMigration } from "../src/migrations/engine.ts";
import { migrationsDir, prismaDir, readSchema } from "../src/migrations/files.ts";
import { migrate } from "../src/migrations/runner.ts";
import { pgliteSql } from "../src/sql.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: pnpm db:migration <name>   (lowercase letters, digits and _)");
  process.exit(2);
}

const db = new PGlite();
await migrate(pgliteSql(db));
const schema = await readSchema();
const sql = await diffSql(
  db,
  { tag: "schemaDatasource", files: [schema], configDir: prismaDir },
  { tag: "schemaDatamodel", files: [schema] },
);
await db.close();

if (isEmptyMigration(sql)) {
  console.log("The migrations already match prisma/schema.prisma: nothing to create.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join(migrationsDir, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "migration.sql"), sql);
  console.log(`Created ${dir}/migration.sql`);
}
