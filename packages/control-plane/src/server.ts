// The api role: health endpoints plus GraphQL on API_PORT.
import { serveRole, type RoleHandle, type Services } from "@switchyard/runtime";
import { createControlPlane } from "./yoga.ts";

export function startControlPlane(services: Services, port = services.config.ports.api): Promise<RoleHandle> {
  const yoga = createControlPlane({ prisma: services.db.prisma, logger: services.logger });
  return serveRole(services, "api", port, (req, res) => void yoga(req, res));
}
