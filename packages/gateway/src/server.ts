// The gateway role: health endpoints plus the h3 app on GATEWAY_PORT.
import { toNodeHandler } from "h3";
import { handleHealth, listen, withRequestLog, type RoleHandle, type Services } from "@switchyard/runtime";
import { createGatewayApp } from "./app.ts";
import { createAuthenticator } from "./auth.ts";
import { createKeyCache } from "./key-cache.ts";

export async function startGateway(services: Services, port = services.config.ports.gateway): Promise<RoleHandle> {
  const { db, redis, logger, config } = services;
  const auth = createAuthenticator({ prisma: db.prisma, hmacSecret: services.hmacSecret, cache: createKeyCache(), logger });
  const app = toNodeHandler(createGatewayApp({ auth, logger }));
  const server = await listen(
    withRequestLog((req, res) => {
      if (!handleHealth(req, res, db, redis, services.lifecycle)) void app(req, res);
    }, logger, "gateway"),
    config.host,
    port,
  );
  logger.info({ port: server.port }, "gateway listening");
  return { name: "gateway", port: server.port, stop: (timeoutMs) => server.close(timeoutMs) };
}
