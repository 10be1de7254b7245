// The worker role. Queue processors (usage ingest, rollups, key health) register here as they
// are built; the role already answers /healthz and /readyz on WORKER_PORT for orchestrators.
import { handleHealth, listen, withRequestLog, type RoleHandle, type Services } from "@switchyard/runtime";

export async function startWorker(services: Services, port = services.config.ports.worker): Promise<RoleHandle> {
  const { db, redis, logger, config } = services;
  const server = await listen(
    withRequestLog((req, res) => {
      if (handleHealth(req, res, db, redis, services.lifecycle)) return;
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "The worker serves only /healthz and /readyz.", type: "invalid_request_error", code: "not_found", param: null } }));
    }, logger, "worker"),
    config.host,
    port,
  );
  logger.info({ port: server.port }, "worker health endpoint listening");
  return { name: "worker", port: server.port, stop: (timeoutMs) => server.close(timeoutMs) };
}
