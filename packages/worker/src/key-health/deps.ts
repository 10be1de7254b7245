// The health check's validator, built like the control plane's: the real adapters through the
// upstream HTTP client with the operator's base URLs and SSRF allowlist.
import { createKeyValidator } from "@switchyard/key-check";
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist } from "@switchyard/providers";
import type { Services } from "@switchyard/runtime";
import type { KeyHealthDeps } from "./check.ts";

export function keyHealthDeps(services: Services): KeyHealthDeps {
  const { config } = services;
  const http = createUpstreamHttp({ ...config.upstream, allowlist: parseAllowlist(config.upstream.allowlist) });
  return {
    prisma: services.db.prisma,
    redis: services.redis,
    prefix: config.redisPrefix,
    logger: services.logger,
    keyring: services.keyring,
    validateKey: createKeyValidator({ directory: buildDirectory(config), adapters: createAdapterRegistry(http), http, searchBaseUrl: (id) => config.webSearch.get(id)?.baseUrl }),
    settings: config.keyHealth,
  };
}
