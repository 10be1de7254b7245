// `switchyard bootstrap`: create the first tenant now (start does this by itself).
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import { bootstrapBanner, bootstrapIfEmpty, publicUrls } from "../bootstrap.ts";
import { openBase } from "../process-services.ts";

export async function bootstrapCommand(config: Config, logger: Logger): Promise<void> {
  const base = await openBase(config, logger);
  try {
    const result = await bootstrapIfEmpty(base.db, config, base.hmacSecret, publicUrls(config, config.ports));
    process.stdout.write(result ? `${bootstrapBanner(result, config.dataDir)}\n` : "Already bootstrapped: the database has users. Nothing was created.\n");
  } finally {
    await base.db.close();
  }
}
