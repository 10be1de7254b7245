// `switchyard start [--role gateway|api|worker]…`: all roles in one process by default. Each
// role's package is imported only when that role runs, so a gateway process does not load the
// control plane's GraphQL schema or the worker's processors (memory and start-up time).
import { SwitchyardError, type Logger } from "@switchyard/core";
import type { Config } from "@switchyard/config";
import { connectRedis, type Lifecycle, type RoleHandle, type Services } from "@switchyard/runtime";
import { rewrapProviderKeys } from "@switchyard/vault";
import { bootstrapBanner, bootstrapIfEmpty, publicUrls } from "../bootstrap.ts";
import { openBase } from "../process-services.ts";

export const ROLES = ["gateway", "api", "worker"] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(values: string[]): Set<Role> {
  const roles = new Set<Role>();
  for (const value of values.flatMap((v) => v.split(","))) {
    if (!(ROLES as readonly string[]).includes(value)) {
      throw new SwitchyardError("invalid_request", `Unknown role "${value}": expected gateway, api or worker.`);
    }
    roles.add(value as Role);
  }
  return roles.size === 0 ? new Set(ROLES) : roles;
}

export async function start(config: Config, logger: Logger, roleArgs: string[]): Promise<void> {
  const roles = parseRoles(roleArgs);
  const allInOne = roles.size === ROLES.length;
  if (!allInOne && !config.databaseUrl) {
    throw new SwitchyardError(
      "config_invalid",
      "Running roles separately needs PostgreSQL: the embedded PGlite database is single-process. Set DATABASE_URL=postgres://… or start without --role to run every role in one process.",
    );
  }
  const base = await openBase(config, logger);
  const redis = await connectRedis({ configuredUrl: config.redisUrl, dataDir: config.dataDir, allowPrivate: allInOne, logger }).catch(async (error: unknown) => {
    await base.db.close();
    throw error;
  });
  let lifecycle: Lifecycle = "starting";
  const services: Services = { config, logger, db: base.db, redis: redis.client, hmacSecret: base.hmacSecret, keyring: base.keyring, lifecycle: () => lifecycle };

  const handles: RoleHandle[] = [];
  const stopAll = async () => {
    lifecycle = "draining";
    const budget = config.shutdownTimeoutMs;
    await Promise.allSettled(handles.reverse().map((h) => h.stop(budget)));
    await redis.close();
    await base.db.close();
  };
  try {
    if (roles.has("worker")) handles.push(await (await import("@switchyard/worker")).startWorker(services));
    if (roles.has("api")) handles.push(await (await import("@switchyard/control-plane")).startControlPlane(services));
    if (roles.has("gateway")) handles.push(await (await import("@switchyard/gateway")).startGateway(services));
  } catch (error) {
    await stopAll();
    throw error;
  }

  installShutdown(logger, stopAll, config.shutdownTimeoutMs);

  if (roles.has("api") && config.bootstrap.enabled) {
    const port = (name: string, fallback: number) => handles.find((h) => h.name === name)?.port ?? fallback;
    const urls = publicUrls(config, { gateway: port("gateway", config.ports.gateway), api: port("api", config.ports.api) });
    const result = await bootstrapIfEmpty(base.db, config, base.hmacSecret, urls);
    if (result) process.stdout.write(`${bootstrapBanner(result, config.dataDir)}\n`);
  }
  lifecycle = "running";
  if (roles.has("worker")) {
    // Records still wrapped by an older master key move to the newest one in the background.
    void rewrapProviderKeys(base.db.prisma, base.keyring, logger).catch((error: unknown) => logger.error({ err: String(error) }, "background rewrap failed"));
  }
  logger.info({ roles: [...roles], ports: Object.fromEntries(handles.map((h) => [h.name, h.port])) }, "switchyard started");
}

function installShutdown(logger: Logger, stopAll: () => Promise<void>, budgetMs: number): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining in-flight requests");
    // Whatever happens, the process is gone shortly after the drain budget.
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, budgetMs + 1_500).unref();
    stopAll().then(
      () => {
        logger.info("stopped cleanly");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: String(error) }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
