// `switchyard keys rewrap`: re-wrap every provider key under the newest master key. Safe while
// the system runs on PostgreSQL (conditional updates); on PGlite the worker does it at start.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import { rewrapProviderKeys } from "@switchyard/vault";
import { openBase } from "../process-services.ts";

export async function rewrapCommand(config: Config, logger: Logger): Promise<boolean> {
  const base = await openBase(config, logger);
  try {
    const result = await rewrapProviderKeys(base.db.prisma, base.keyring, logger);
    process.stdout.write(`Rewrapped ${result.rewrapped} provider key(s) to master key version ${base.keyring.current}; ${JSON.stringify(result)}\n`);
    return result.failed === 0;
  } finally {
    await base.db.close();
  }
}
