import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { pgliteSql } from "../sql.ts";
import { readMigrations } from "./files.ts";
import { migrate } from "./runner.ts";

describe("migration runner", () => {
  it("records migrations the way Prisma does and applies each only once", async () => {
    const db = new PGlite();
    const files = await readMigrations();
    const first = await migrate(pgliteSql(db), files);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const again = await migrate(pgliteSql(db), files);
    expect(again).toEqual({ applied: [], modified: [] });

    const rows = (await db.query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null; id: string }>(
      `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`,
    )).rows;
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows[0]!.checksum).toBe(createHash("sha256").update(files[0]!.sql).digest("hex"));
    expect(rows[0]!.applied_steps_count).toBe(1);
    expect(rows[0]!.finished_at).toBeInstanceOf(Date);
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    await db.close();
  }, 60_000);

  it("reports an applied migration whose file changed, and rolls back a failing one", async () => {
    const db = new PGlite();
    const files = await readMigrations();
    await migrate(pgliteSql(db), files);
    const edited = files.map((f, i) => (i === 0 ? { ...f, checksum: "0".repeat(64) } : f));
    expect((await migrate(pgliteSql(db), edited)).modified).toEqual([files[0]!.name]);

    const broken = { name: "29990101000000_broken", sql: `CREATE TABLE "Half" (id int);\nSELECT nope FROM nowhere;`, checksum: "x" };
    await expect(migrate(pgliteSql(db), [...files, broken])).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    const half = await db.query(`SELECT to_regclass('"Half"') AS t`);
    expect(half.rows[0]).toEqual({ t: null });
    const recorded = await db.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name]);
    expect(recorded.rows).toHaveLength(0);
    await db.close();
  }, 60_000);
});
