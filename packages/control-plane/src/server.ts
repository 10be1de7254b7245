// The api role: health endpoints plus GraphQL on API_PORT.
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist } from "@switchyard/providers";
import { serveRole, type RoleHandle, type Services } from "@switchyard/runtime";
import type { ControlPlaneDeps } from "./deps.ts";
import { createKeyValidator } from "@switchyard/key-check";
import { createControlPlane } from "./yoga.ts";

export function controlPlaneDeps(services: Services): ControlPlaneDeps {
  const { config } = services;
  const allowlist = parseAllowlist(config.upstream.allowlist);
  const http = createUpstreamHttp({ ...config.upstream, allowlist });
  return {
    prisma: services.db.prisma,
    logger: services.logger,
    redis: services.redis,
    redisPrefix: config.redisPrefix,
    hmacSecret: services.hmacSecret,
    keyring: services.keyring,
    accounts: config.accounts,
    upstreamAllowlist: allowlist,
    validateKey: createKeyValidator({ directory: buildDirectory(config), adapters: createAdapterRegistry(http), http, searchBaseUrl: (id) => config.webSearch.get(id)?.baseUrl }),
    houseKeyProviders: new Set([...config.providers].filter(([, settings]) => settings.apiKey !== undefined).map(([id]) => id)),
  };
}

export function startControlPlane(services: Services, port = services.config.ports.api): Promise<RoleHandle> {
  const yoga = createControlPlane(controlPlaneDeps(services));
  return serveRole(services, "api", port, (req, res) => void yoga(req, res));
}
