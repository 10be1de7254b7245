// The HTTP server every role runs: request log, /healthz and /readyz, then the role's handler.
import { handleHealth } from "./health.ts";
import { listen, withRequestLog, type NodeHandler, type UpgradeHandler } from "./http.ts";
import type { RoleHandle, Services } from "./services.ts";

export async function serveRole(services: Services, name: string, port: number, handler: NodeHandler, upgrade?: UpgradeHandler): Promise<RoleHandle> {
  const { db, redis, logger, config } = services;
  const server = await listen(
    withRequestLog((req, res) => {
      if (!handleHealth(req, res, db, redis, services.lifecycle)) void handler(req, res);
    }, logger, name),
    config.host,
    port,
    upgrade,
  );
  logger.info({ role: name, port: server.port }, `${name} listening`);
  return { name, port: server.port, stop: (timeoutMs) => server.close(timeoutMs) };
}
