// Prisma's schema engine compiled to WebAssembly: migration SQL without the native binary,
// which cannot be downloaded on offline machines. Node 20 cannot import `.wasm` as a module,
// so the glue is wired by hand: instantiate the wasm with the JS glue as its import object,
// register a panic hook first, and hand the engine a migration-aware driver adapter.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export interface SchemaFile {
  path: string;
  content: string;
}

export type DiffSource =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: SchemaFile[] }
  | { tag: "schemaDatasource"; files: SchemaFile[]; configDir: string };

interface Engine {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string }>;
}

let loaded: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  loaded ??= (async () => {
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        throw new Error(`Prisma schema engine panicked: ${message}`);
      },
    };
    const pkg = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(pkg), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return loaded;
}

/**
 * Migration SQL that turns `from` into `to`. `db` is the PGlite the engine connects to: an
 * empty in-memory one is enough unless a side is `schemaDatasource` (then that database).
 */
export async function diffSql(db: PGlite, from: DiffSource, to: DiffSource): Promise<string> {
  await loadWasm();
  const datamodels = to.tag === "empty" ? [] : to.files.map((f): [string, string] => [f.path, f.content]);
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  const engine = (await glue.SchemaEngine.new({ datamodels }, () => {}, adapter)) as unknown as Engine;
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: null,
    shadowDatabaseUrl: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return result.stdout ?? "";
}

/** The engine's answer when two sides are identical. */
export function isEmptyMigration(sql: string): boolean {
  return sql.trim() === "" || sql.trim() === "-- This is an empty migration.";
}
