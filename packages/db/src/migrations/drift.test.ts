// Migrating an empty database from prisma/migrations yields exactly prisma/schema.prisma.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../client.ts";
import { pgliteSql } from "../sql.ts";
import { catalogSnapshot, createTempDatabase, postgresAvailable, type TempDatabase } from "../testing/index.ts";
import { diffSql, isEmptyMigration } from "./engine.ts";
import { prismaDir, readSchema } from "./files.ts";
import { migrate } from "./runner.ts";

describe("no drift on PGlite", () => {
  it("the engine finds nothing to change after applying every migration", async () => {
    const db = new PGlite();
    const result = await migrate(pgliteSql(db));
    expect(result.applied.length).toBeGreaterThan(0);
    const schema = await readSchema();
    const sql = await diffSql(
      db,
      { tag: "schemaDatasource", files: [schema], configDir: prismaDir },
      { tag: "schemaDatamodel", files: [schema] },
    );
    expect(isEmptyMigration(sql), sql).toBe(true);
    await db.close();
  }, 60_000);

  it("detects drift when the schema has changed (the check can fail)", async () => {
    const db = new PGlite();
    await migrate(pgliteSql(db));
    const schema = await readSchema();
    const changed = { ...schema, content: schema.content.replace("model AuditLog {", "model AuditLog {\n  extra String?") };
    const sql = await diffSql(
      db,
      { tag: "schemaDatasource", files: [changed], configDir: prismaDir },
      { tag: "schemaDatamodel", files: [changed] },
    );
    expect(sql).toContain(`ADD COLUMN     "extra" TEXT`);
    await db.close();
  }, 60_000);
});

const pgUp = await postgresAvailable();

describe.runIf(pgUp)("no drift on PostgreSQL", () => {
  const temps: TempDatabase[] = [];
  afterAll(async () => {
    for (const t of temps) await t.drop();
  });

  it("a database migrated from the files equals one built from the schema", async () => {
    const [fromFiles, fromSchema] = [await createTempDatabase(), await createTempDatabase()];
    temps.push(fromFiles, fromSchema);

    const migrated = await openDatabase({ databaseUrl: fromFiles.url });
    await migrate(migrated.sql);

    const engineDb = new PGlite();
    const schema = await readSchema();
    const fresh = await diffSql(engineDb, { tag: "empty" }, { tag: "schemaDatamodel", files: [schema] });
    await engineDb.close();
    const direct = await openDatabase({ databaseUrl: fromSchema.url });
    await direct.sql.session((s) => s.exec(fresh));

    const a = await migrated.sql.session(catalogSnapshot);
    const b = await direct.sql.session(catalogSnapshot);
    expect(a.columns!.length).toBeGreaterThan(100);
    expect(a.indexes!.some((i) => i.includes("WHERE (status = 'active'::\"ProviderKeyStatus\")"))).toBe(true);
    expect(a).toEqual(b);
    await migrated.close();
    await direct.close();
  }, 60_000);
});
