// A comparable description of a PostgreSQL schema: types, columns, constraints and indexes.
import type { SqlSession } from "../sql.ts";

export async function catalogSnapshot(s: SqlSession): Promise<Record<string, string[]>> {
  const lines = async (sql: string) => (await s.query<{ line: string }>(sql)).map((r) => r.line).sort();
  return {
    enums: await lines(`SELECT t.typname || ':' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY t.typname`),
    columns: await lines(`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' ' ||
        coalesce(numeric_precision::text, '') || ',' || coalesce(numeric_scale::text, '') || ' ' ||
        is_nullable || ' ' || coalesce(column_default, '') AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`),
    constraints: await lines(`SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) AS line
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid IS DISTINCT FROM to_regclass('_prisma_migrations')`),
    indexes: await lines(`SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`),
  };
}
