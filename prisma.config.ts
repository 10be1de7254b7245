// Prisma CLI configuration. Switchyard applies migrations itself (`pnpm switchyard migrate`);
// the CLI is used for `generate` (offline, see packages/db/scripts/generate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/switchyard" },
});
