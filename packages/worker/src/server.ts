// The worker role. Queue processors (usage ingest, rollups, key health) register here as they
// are built; the role already answers /healthz and /readyz on WORKER_PORT for orchestrators.
import { SwitchyardError } from "@switchyard/core";
import { serveRole, type RoleHandle, type Services } from "@switchyard/runtime";

const notFound = JSON.stringify(new SwitchyardError("not_found", "The worker serves only /healthz and /readyz.").toEnvelope());

export function startWorker(services: Services, port = services.config.ports.worker): Promise<RoleHandle> {
  return serveRole(services, "worker", port, (_req, res) => {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(notFound);
  });
}
