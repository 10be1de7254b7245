// An in-process gateway for tests: in-memory database, real app and HTTP server, the mock
// upstream behind every catalog provider, and the usage events captured instead of queued.
import { Decimal } from "decimal.js";
import { createLogger, newId } from "@switchyard/core";
import { migrate, openDatabase, type Database, Prisma } from "@switchyard/db";
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist, type UpstreamHttp } from "@switchyard/providers";
import type { UsageEventJob } from "@switchyard/queue";
import { listen, type RunningServer } from "@switchyard/runtime";
import { startMockSearchUpstream, startMockUpstream, type MockSearchUpstream, type MockUpstream } from "@switchyard/testing";
import { createKeyring, encryptSecret, generateApiKey, type Keyring } from "@switchyard/vault";
import { providers, searchProviderIds } from "@switchyard/catalog";
import { createAuthenticator } from "../auth.ts";
import { createBalances, type Balances } from "../chat/balances.ts";
import { createCustomProviders } from "../chat/custom-providers.ts";
import { createOrgKeys, type OrgKeys } from "../chat/org-keys.ts";
import { createPriceOverrides } from "../chat/price-overrides.ts";
import { createGatewayHandler } from "../handler.ts";
import { createRealtime, type Realtime } from "../realtime/upgrade.ts";
import type { Caches } from "../invalidate.ts";
import { buildSearchDirectory } from "../web/directory.ts";
import { createSearchKeys } from "../web/search-keys.ts";

export const HMAC = "harness-hmac-secret-0123456789abcdefghijkl";

export interface Harness {
  url: string;
  mock: MockUpstream;
  db: Database;
  events: UsageEventJob[];
  orgId: string;
  /** An API key of a fresh project in the given mode. */
  project(mode: "credits" | "byok" | "hybrid", options?: { allowCreditsFallback?: boolean }): Promise<string>;
  setOrgKey(providerId: string, secret: string, status?: "active" | "inactive" | "invalid", config?: { baseUrl?: string }): Promise<void>;
  setBalance(amount: string): Promise<void>;
  /** The web-search mock (option `webSearch`): every web-search provider's base URL points at it. */
  searchMock: MockSearchUpstream | undefined;
  /** Sets the organization's web-search key (ProviderKey kind web_search) for a provider. */
  setSearchKey(providerId: string, secret: string, status?: "active" | "inactive" | "invalid"): Promise<void>;
  /** The realtime relay (GET /v1/realtime) of this gateway. */
  realtime: Realtime;
  /** The gateway's in-process caches (for invalidation tests). */
  caches: Caches;
  close(): Promise<void>;
}

/**
 * House keys are "house-<provider id>"; without `houseKeys`, every provider has one. `webSearch`
 * starts the web-search mock with house keys "house-<id>" (or `webSearch.houseKeys[id]`, null: none).
 * `baseUrls` points providers at other mocks (native protocols), by provider id.
 * `houseKeySecrets` replaces a provider's house key (e.g. JSON credentials for Azure).
 */
export async function startHarness(
  options: { houseKeys?: string[]; upstreamHeadersTimeoutMs?: number; allowlist?: string[]; creditsMargin?: string; webSearch?: { houseKeys?: Record<string, string | null> }; baseUrls?: Record<string, string>; houseKeySecrets?: Record<string, string>; audioMaxFileBytes?: number; imagesMaxUploadBytes?: number; realtimeIdleSeconds?: number; upstreamMaxResponseBytes?: number } = {},
): Promise<Harness> {
  const mock = await startMockUpstream();
  const searchMock = options.webSearch ? await startMockSearchUpstream() : undefined;
  const db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  const keyring: Keyring = createKeyring([[1, Buffer.alloc(32, 5)]]);
  const logger = createLogger({ level: "silent" });
  const orgId = newId("org");
  await db.prisma.organization.create({ data: { id: orgId, name: "Harness org", balance: { create: { balance: new Prisma.Decimal(100) } } } });

  const withHouse = new Set(options.houseKeys ?? providers.map((p) => p.id));
  const directory = buildDirectory({
    providers: new Map(providers.map((p) => [p.id, { baseUrl: options.baseUrls?.[p.id] ?? `${mock.url}/${p.id}/v1`, ...(withHouse.has(p.id) ? { apiKey: options.houseKeySecrets?.[p.id] ?? `house-${p.id}` } : {}) }])),
  });
  const http: UpstreamHttp = createUpstreamHttp({
    headersTimeoutMs: options.upstreamHeadersTimeoutMs ?? 10_000,
    bodyTimeoutMs: 10_000,
    allowlist: parseAllowlist(options.allowlist ?? []),
    ...(options.upstreamMaxResponseBytes === undefined ? {} : { maxResponseBytes: options.upstreamMaxResponseBytes }),
  });
  const orgKeys: OrgKeys = createOrgKeys({ sql: db.sql, keyring, logger });
  const balances: Balances = createBalances(db.sql);
  const auth = createAuthenticator({ sql: db.sql, hmacSecret: HMAC, logger });
  const keyCache = auth.cache;
  const customProviders = createCustomProviders(db.sql);
  const prices = createPriceOverrides(db.sql);
  const events: UsageEventJob[] = [];
  const sink = { emit: (e: UsageEventJob) => void events.push(e) };
  const rates = { byokMarkup: new Decimal("0.05"), creditsMargin: new Decimal(options.creditsMargin ?? 0) };
  const searchKeys = createSearchKeys({ sql: db.sql, keyring, logger });
  const searchSettings = new Map(
    searchMock
      ? searchProviderIds.map((id) => {
          const house = options.webSearch?.houseKeys?.[id] === undefined ? `house-${id}` : options.webSearch.houseKeys[id];
          return [id, { baseUrl: searchMock.baseUrl(id), ...(house ? { apiKey: house } : {}) }];
        })
      : [],
  );
  const gatewayDeps: Parameters<typeof createGatewayHandler>[0] = {
    auth,
    logger,
    chat: {
      directory,
      adapters: createAdapterRegistry(http),
      http,
      orgKeys,
      balances,
      customProviders,
      prices,
      sink,
      rates,
      logger,
      maxBodyBytes: 256 * 1024,
      ...(options.audioMaxFileBytes !== undefined ? { audioMaxFileBytes: options.audioMaxFileBytes } : {}),
      ...(options.imagesMaxUploadBytes !== undefined ? { imagesMaxUploadBytes: options.imagesMaxUploadBytes } : {}),
    },
    web: { directory: buildSearchDirectory(searchSettings), http, searchKeys, balances, sink, rates, logger, maxBodyBytes: 256 * 1024 },
  };
  const handler = createGatewayHandler(gatewayDeps);
  const realtime = createRealtime({
    auth,
    chat: gatewayDeps.chat,
    logger,
    allowlist: parseAllowlist(options.allowlist ?? []),
    idleMs: (options.realtimeIdleSeconds ?? 300) * 1000,
    connectTimeoutMs: options.upstreamHeadersTimeoutMs ?? 10_000,
  });
  const server: RunningServer = await listen(handler, "127.0.0.1", 0, realtime.upgrade);

  return {
    url: `http://127.0.0.1:${server.port}`,
    mock,
    db,
    events,
    orgId,
    caches: { keys: keyCache, orgKeys, balances, customProviders, prices, searchKeys },
    searchMock,
    realtime,
    async project(mode, opts = {}) {
      const projectId = newId("prj");
      await db.prisma.project.create({ data: { id: projectId, organizationId: orgId, name: mode, mode, allowCreditsFallback: opts.allowCreditsFallback ?? true } });
      const key = generateApiKey(HMAC);
      await db.prisma.apiKey.create({ data: { id: key.id, organizationId: orgId, projectId, name: mode, prefix: key.prefix, secretHash: key.secretHash, last4: key.last4 } });
      return key.token;
    },
    async setOrgKey(providerId, secret, status = "active", config = {}) {
      await db.prisma.providerKey.updateMany({ where: { organizationId: orgId, providerId, status: "active" }, data: { status: "inactive" } });
      const id = newId("pk");
      const enc = encryptSecret(keyring, { organizationId: orgId, recordId: id, providerId }, secret);
      await db.prisma.providerKey.create({
        data: { id, organizationId: orgId, providerId, status, ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4, config },
      });
      orgKeys.invalidate(orgId);
    },
    async setSearchKey(providerId, secret, status = "active") {
      await db.prisma.providerKey.updateMany({ where: { organizationId: orgId, providerId, kind: "web_search", status: "active" }, data: { status: "inactive" } });
      const id = newId("pk");
      const enc = encryptSecret(keyring, { organizationId: orgId, recordId: id, providerId }, secret);
      await db.prisma.providerKey.create({
        data: { id, organizationId: orgId, providerId, kind: "web_search", status, ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4 },
      });
      searchKeys.invalidate(orgId);
    },
    async setBalance(amount) {
      await db.prisma.creditBalance.update({ where: { organizationId: orgId }, data: { balance: new Prisma.Decimal(amount) } });
      balances.invalidate(orgId);
    },
    async close() {
      await realtime.close(1000);
      await server.close(1000);
      await http.close();
      await mock.close();
      await searchMock?.close();
      await db.close();
    },
  };
}
