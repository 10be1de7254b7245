// The gateway role: health endpoints plus the h3 app on GATEWAY_PORT.
import { toNodeHandler } from "h3";
import { serveRole, subscribeInvalidations, type RoleHandle, type Services } from "@switchyard/runtime";
import { createGatewayApp } from "./app.ts";
import { createAuthenticator } from "./auth.ts";
import { buildChatDeps } from "./chat-deps.ts";
import { applyInvalidation } from "./invalidate.ts";

export async function startGateway(services: Services, port = services.config.ports.gateway): Promise<RoleHandle> {
  const { db, logger } = services;
  const auth = createAuthenticator({ prisma: db.prisma, hmacSecret: services.hmacSecret, logger });
  const keys = auth.cache;
  const built = buildChatDeps(services);
  const { orgKeys, balances, customProviders, prices } = built.chat;
  const unsubscribe = await subscribeInvalidations(services.redis, services.config.redisPrefix, logger, (m) =>
    applyInvalidation({ keys, orgKeys, balances, customProviders, prices }, m),
  );
  const role = await serveRole(services, "gateway", port, toNodeHandler(createGatewayApp({ auth, logger, chat: built.chat })));
  return {
    ...role,
    async stop(timeoutMs) {
      await role.stop(timeoutMs);
      await unsubscribe();
      await built.close();
    },
  };
}
