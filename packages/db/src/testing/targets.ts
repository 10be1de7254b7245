// The databases a behaviour test runs on: an in-memory PGlite always, and a throwaway
// PostgreSQL database when one is reachable. `dropAll` removes the PostgreSQL ones.
import { type Database, openDatabase } from "../client.ts";
import { createTempDatabase, postgresAvailable, type TempDatabase } from "./postgres.ts";

export type OpenDatabase = () => Promise<Database>;

export async function databaseTargets(): Promise<{ targets: Array<[string, OpenDatabase]>; dropAll(): Promise<void> }> {
  const temps: TempDatabase[] = [];
  const targets: Array<[string, OpenDatabase]> = [["pglite", () => openDatabase({ dataDir: undefined })]];
  if (await postgresAvailable()) {
    targets.push([
      "postgres",
      async () => {
        const temp = await createTempDatabase();
        temps.push(temp);
        return openDatabase({ databaseUrl: temp.url });
      },
    ]);
  }
  return {
    targets,
    async dropAll() {
      for (const t of temps) await t.drop();
    },
  };
}
