export { createTempDatabase, postgresAvailable, postgresRequired, type TempDatabase } from "./postgres.ts";
export { catalogSnapshot } from "./catalog.ts";
export { databaseTargets, type OpenDatabase } from "./targets.ts";
