// `switchyard migrate`: apply pending migrations and exit.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import { openBase } from "../process-services.ts";

export async function migrateCommand(config: Config, logger: Logger): Promise<void> {
  const base = await openBase(config, logger);
  await base.db.close();
}
