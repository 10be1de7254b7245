// Throwaway PostgreSQL databases for tests: created with a random name, dropped afterwards.
// PostgreSQL is optional on developer machines; CI sets SWITCHYARD_TEST_REQUIRE_POSTGRES=1 so
// tests that need it cannot be skipped silently.
import { randomToken } from "@switchyard/core";
import pg from "pg";

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export const postgresRequired = process.env.SWITCHYARD_TEST_REQUIRE_POSTGRES === "1";

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (error) {
    if (postgresRequired) throw new Error(`PostgreSQL is required for this run but unreachable at ${redact(adminUrl)}`, { cause: error });
    console.warn(`PostgreSQL unreachable at ${redact(adminUrl)}: skipping PostgreSQL tests`);
    return false;
  }
}

export interface TempDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTempDatabase(): Promise<TempDatabase> {
  const name = `sy_test_${randomToken(12)}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
