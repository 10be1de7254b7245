// Everything the web-search route needs, built once per gateway process. The credit check, the
// usage sink and the billing rates are the chat route's own, so searches are billed and queued
// exactly like chat requests; the HTTP client is separate (its own connection pools).
import type { Logger } from "@switchyard/core";
import { createUpstreamHttp, parseAllowlist, type UpstreamHttp } from "@switchyard/providers";
import type { UsageEventJob } from "@switchyard/queue";
import type { Services } from "@switchyard/runtime";
import { buildSearchDirectory, type SearchDirectory } from "./directory.ts";
import type { WebRates } from "./price.ts";
import { createSearchKeys, type SearchKeys } from "./search-keys.ts";

export interface WebDeps {
  directory: SearchDirectory;
  http: UpstreamHttp;
  searchKeys: SearchKeys;
  balances: { hasCredit(organizationId: string): Promise<boolean> };
  sink: { emit(event: UsageEventJob): void };
  rates: WebRates;
  logger: Logger;
  maxBodyBytes: number;
}

export type SharedDeps = Pick<WebDeps, "balances" | "sink" | "rates" | "logger" | "maxBodyBytes">;

export function buildWebDeps(services: Services, shared: SharedDeps): { deps: WebDeps; close(): Promise<void> } {
  const { config, db, keyring, logger } = services;
  const http = createUpstreamHttp({ ...config.upstream, allowlist: parseAllowlist(config.upstream.allowlist) });
  const deps: WebDeps = {
    balances: shared.balances,
    sink: shared.sink,
    rates: shared.rates,
    logger: shared.logger,
    maxBodyBytes: shared.maxBodyBytes,
    directory: buildSearchDirectory(config.webSearch),
    http,
    searchKeys: createSearchKeys({ sql: db.sql, keyring, logger }),
  };
  return { deps, close: () => http.close() };
}
