// Opens what a command needs, once: logger, secrets, database (migrated), Redis.
import { mkdir } from "node:fs/promises";
import type { Config } from "@switchyard/config";
import { createLogger, type Logger } from "@switchyard/core";
import { migrate, openDatabase, type Database } from "@switchyard/db";
import { loadSecrets, type Keyring } from "@switchyard/vault";

export function processLogger(config: Config): Logger {
  return createLogger({ level: config.logLevel });
}

export interface Base {
  config: Config;
  logger: Logger;
  db: Database;
  keyring: Keyring;
  hmacSecret: string;
}

export async function openBase(config: Config, logger: Logger): Promise<Base> {
  await mkdir(config.dataDir, { recursive: true });
  const { keyring, hmacSecret } = await loadSecrets({
    dataDir: config.dataDir,
    masterKeys: config.masterKeys,
    apiKeyHmacSecret: config.apiKeyHmacSecret,
    logger,
  });
  const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const result = await migrate(db.sql);
    if (result.applied.length > 0) logger.info({ applied: result.applied }, "database migrated");
    if (result.modified.length > 0) logger.warn({ modified: result.modified }, "applied migrations were edited after being applied");
  } catch (error) {
    await db.close();
    throw error;
  }
  logger.info({ database: db.kind }, "database ready");
  return { config, logger, db, keyring, hmacSecret };
}
