// The worker role: the usage ingest worker, the repeatable reconciliation and price-correction re-pricing on BullMQ, and /healthz and /readyz on WORKER_PORT
// for orchestrators. SIGTERM lets the batch in progress commit before the process exits.
import { SwitchyardError } from "@switchyard/core";
import { serveRole, type RoleHandle, type Services } from "@switchyard/runtime";
import { keyHealthDeps } from "./key-health/deps.ts";
import { startMaintenance } from "./maintenance.ts";
import { startRepriceWorker } from "./repricing/worker.ts";
import { startUsageWorker } from "./usage/worker.ts";

const notFound = JSON.stringify(new SwitchyardError("not_found", "The worker serves only /healthz and /readyz.").toEnvelope());

export async function startWorker(services: Services, port = services.config.ports.worker): Promise<RoleHandle> {
  const deps = { prisma: services.db.prisma, redis: services.redis, prefix: services.config.redisPrefix, logger: services.logger };
  const usage = startUsageWorker(deps);
  const maintenance = await startMaintenance({ ...deps, keyHealth: keyHealthDeps(services) });
  const reprice = startRepriceWorker({ ...deps, rates: services.config.billing });
  const role = await serveRole(services, "worker", port, (_req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(notFound);
  });
  return {
    ...role,
    async stop(timeoutMs) {
      await Promise.all([role.stop(timeoutMs), usage.close(), maintenance.close(), reprice.close()]);
    },
  };
}
