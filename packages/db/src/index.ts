export { openDatabase, type Database, type DatabaseKind, type DatabaseTarget } from "./client.ts";
export { migrate, type MigrateResult } from "./migrations/runner.ts";
export { readMigrations, type MigrationFile } from "./migrations/files.ts";
export type { SqlDatabase, SqlSession } from "./sql.ts";
export { PrismaClient, Prisma } from "./generated/prisma/client.ts";
export * from "./generated/prisma/enums.ts";
export type * from "./generated/prisma/models.ts";
export type { default as PothosPrismaTypes } from "./generated/pothos-types.ts";
export { getDatamodel } from "./generated/pothos-types.ts";
