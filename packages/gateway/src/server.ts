// The gateway role: health endpoints plus the gateway's handler on GATEWAY_PORT.
import { serveRole, subscribeInvalidations, type RoleHandle, type Services } from "@switchyard/runtime";
import { createAuthenticator } from "./auth.ts";
import { buildChatDeps } from "./chat-deps.ts";
import { createGatewayHandler } from "./handler.ts";
import { applyInvalidation } from "./invalidate.ts";
import { buildWebDeps } from "./web/deps.ts";
import { parseAllowlist } from "@switchyard/providers";
import { createRealtime } from "./realtime/upgrade.ts";

export async function startGateway(services: Services, port = services.config.ports.gateway): Promise<RoleHandle> {
  const { db, logger } = services;
  const auth = createAuthenticator({ sql: db.sql, hmacSecret: services.hmacSecret, logger });
  const keys = auth.cache;
  const built = buildChatDeps(services);
  const { orgKeys, balances, customProviders, prices } = built.chat;
  const web = buildWebDeps(services, built.chat);
  const unsubscribe = await subscribeInvalidations(services.redis, services.config.redisPrefix, logger, (m) =>
    applyInvalidation({ keys, orgKeys, balances, customProviders, prices, searchKeys: web.deps.searchKeys }, m),
  );
  const realtime = createRealtime({
    auth,
    chat: built.chat,
    logger,
    allowlist: parseAllowlist(services.config.upstream.allowlist),
    idleMs: services.config.realtime.idleSeconds * 1000,
    connectTimeoutMs: services.config.upstream.headersTimeoutMs,
  });
  const role = await serveRole(services, "gateway", port, createGatewayHandler({ auth, logger, chat: built.chat, web: web.deps }), realtime.upgrade);
  return {
    ...role,
    async stop(timeoutMs) {
      // Upgraded sockets keep the HTTP server open: close the realtime sessions first (1001).
      await realtime.close(timeoutMs / 2);
      await role.stop(timeoutMs);
      await unsubscribe();
      await built.close();
      await web.close();
    },
  };
}
