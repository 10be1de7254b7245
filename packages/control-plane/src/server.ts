// The api role: health endpoints plus GraphQL on API_PORT.
import { handleHealth, listen, withRequestLog, type RoleHandle, type Services } from "@switchyard/runtime";
import { createControlPlane } from "./yoga.ts";

export async function startControlPlane(services: Services, port = services.config.ports.api): Promise<RoleHandle> {
  const { db, redis, logger, config } = services;
  const yoga = createControlPlane({ prisma: db.prisma, logger });
  const server = await listen(
    withRequestLog((req, res) => {
      if (!handleHealth(req, res, db, redis, services.lifecycle)) void yoga(req, res);
    }, logger, "api"),
    config.host,
    port,
  );
  logger.info({ port: server.port }, "api listening");
  return { name: "api", port: server.port, stop: (timeoutMs) => server.close(timeoutMs) };
}
