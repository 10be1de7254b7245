// Provider-key health checks against the mock upstreams: keys that still work are re-scheduled,
// keys the provider now refuses are marked invalid after repeated failures (audited, published),
// and network trouble or rate limits never count against a key.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger, newId, randomToken } from "@switchyard/core";
import { migrate, openDatabase, type Database } from "@switchyard/db";
import { createKeyValidator } from "@switchyard/key-check";
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist } from "@switchyard/providers";
import { providers, type SearchProviderId } from "@switchyard/catalog";
import { subscribeInvalidations, type Invalidation } from "@switchyard/runtime";
import { startMockSearchUpstream, startMockUpstream, type MockSearchUpstream, type MockUpstream } from "@switchyard/testing";
import { createKeyring, encryptSecret } from "@switchyard/vault";
import { Redis } from "ioredis";
import { checkDueKeys, type KeyHealthDeps } from "./check.ts";
import { jitterFactor } from "./schedule.ts";

const GOOD = "sk-still-good-0001";
const LIMITED = "sk-rate-limited-0002";
let db: Database;
let mock: MockUpstream;
let search: MockSearchUpstream;
let redis: Redis;
let deps: KeyHealthDeps;
const orgId = "org_health";
const seen: Invalidation[] = [];
let unsubscribe: () => Promise<void>;

async function storeKey(providerId: string, secret: string, kind: "model" | "web_search" = "model"): Promise<string> {
  const id = newId("pk");
  const sealed = encryptSecret(deps.keyring, { organizationId: orgId, recordId: id, providerId }, secret);
  await db.prisma.providerKey.create({
    data: { id, organizationId: orgId, providerId, kind, ciphertext: sealed.ciphertext, wrappedDataKey: sealed.wrappedDataKey, masterKeyVersion: sealed.masterKeyVersion, last4: sealed.last4 },
  });
  return id;
}

const key = (id: string) => db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  mock = await startMockUpstream({ validKeys: [GOOD], keyErrors: { [LIMITED]: 429 } });
  search = await startMockSearchUpstream();
  db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  await db.prisma.organization.create({ data: { id: orgId, name: "Health" } });
  redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  const http = createUpstreamHttp({ headersTimeoutMs: 5000, bodyTimeoutMs: 5000, allowlist: parseAllowlist(["127.0.0.1"]) });
  const directory = buildDirectory({ providers: new Map(providers.map((p) => [p.id, { baseUrl: `${mock.url}/${p.id}/v1` }])) });
  deps = {
    prisma: db.prisma,
    redis,
    prefix: `health-${randomToken(8)}`,
    logger: createLogger({ level: "silent" }),
    keyring: createKeyring([[1, Buffer.alloc(32, 4)]]),
    validateKey: createKeyValidator({ directory, adapters: createAdapterRegistry(http), http, searchBaseUrl: (id) => search.baseUrl(id as SearchProviderId) }),
    settings: { intervalMinutes: 360, failuresBeforeInvalid: 3 },
  };
  unsubscribe = await subscribeInvalidations(redis, deps.prefix, deps.logger, (m) => seen.push(m));
}, 60_000);

afterAll(async () => {
  await unsubscribe();
  redis.disconnect();
  await Promise.all([mock.close(), search.close(), db.close()]);
});

describe("provider-key health checks", () => {
  it("re-validates a working key and schedules the next check a jittered interval later", async () => {
    const id = await storeKey("openai", GOOD);
    const now = new Date("2026-11-23T12:00:00Z");
    expect(await checkDueKeys(deps, now)).toMatchObject({ checked: 1, ok: 1 });
    const row = await key(id);
    expect(row).toMatchObject({ status: "active", authFailures: 0, validatedAt: now });
    expect(row.nextCheckAt!.getTime() - now.getTime()).toBe(Math.round(minutes(360) * jitterFactor(id)));
    // Not due again until then.
    expect((await checkDueKeys(deps, new Date(now.getTime() + minutes(60)))).checked).toBe(0);
    await db.prisma.providerKey.delete({ where: { id } });
  });

  it("marks a key invalid after three authentication failures in a row, audits and publishes it", async () => {
    const id = await storeKey("groq", "sk-revoked-at-provider-1");
    let now = new Date("2026-11-23T12:00:00Z");
    for (const expected of [1, 2]) {
      expect(await checkDueKeys(deps, now)).toMatchObject({ checked: 1, authFailures: 1, invalidated: 0 });
      const row = await key(id);
      expect(row).toMatchObject({ status: "active", authFailures: expected });
      expect(row.lastError).toMatch(/rejected the key as invalid/);
      now = row.nextCheckAt!;
      expect(now.getTime() - Date.parse("2026-11-23T12:00:00Z")).toBeLessThan(minutes(15));
    }
    expect(await checkDueKeys(deps, now)).toMatchObject({ checked: 1, invalidated: 1 });
    expect(await key(id)).toMatchObject({ status: "invalid", authFailures: 3, nextCheckAt: null });
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { targetId: id } });
    expect(audit).toMatchObject({ organizationId: orgId, actorType: "system", action: "provider_key.invalidate", metadata: { providerId: "groq", failures: 3, reason: "invalid_key" } });
    expect(JSON.stringify(audit)).not.toContain("sk-revoked-at-provider-1");
    await vi.waitFor(() => expect(seen).toContainEqual({ type: "organization", id: orgId }));
    // Invalid keys are no longer checked.
    expect((await checkDueKeys(deps, new Date(now.getTime() + minutes(600)))).checked).toBe(0);
  });

  it("does not count rate limits or unreachable providers, and a success resets the count", async () => {
    const limited = await storeKey("together", LIMITED);
    const now = new Date("2026-11-23T12:00:00Z");
    await db.prisma.providerKey.update({ where: { id: limited }, data: { authFailures: 2 } });
    await checkDueKeys(deps, now);
    const row = await key(limited);
    expect(row).toMatchObject({ status: "active", authFailures: 2 });
    expect(row.nextCheckAt!.getTime() - now.getTime()).toBe(Math.round(minutes(15) * jitterFactor(limited)));
    await db.prisma.providerKey.delete({ where: { id: limited } });

    const recovered = await storeKey("deepseek", GOOD);
    await db.prisma.providerKey.update({ where: { id: recovered }, data: { authFailures: 2 } });
    await checkDueKeys(deps, now);
    expect(await key(recovered)).toMatchObject({ status: "active", authFailures: 0 });
    await db.prisma.providerKey.delete({ where: { id: recovered } });
  });

  it("checks web-search keys with their provider and custom providers at their own endpoint", async () => {
    const tavily = await storeKey("tavily", "tvly-good-key-123456", "web_search");
    const exa = await storeKey("exa", "exa-bad-key-123456", "web_search");
    await db.prisma.customProvider.create({ data: { id: newId("cp"), organizationId: orgId, slug: "lab", name: "Lab", baseUrl: `${mock.url}/lab/v1` } });
    const custom = await storeKey("custom:lab", GOOD);
    const result = await checkDueKeys(deps, new Date("2026-11-23T12:00:00Z"));
    expect(result).toMatchObject({ checked: 3, ok: 2, authFailures: 1 });
    expect(await key(tavily)).toMatchObject({ authFailures: 0 });
    expect(await key(exa)).toMatchObject({ authFailures: 1 });
    expect(await key(custom)).toMatchObject({ authFailures: 0 });
    expect(mock.requests.some((r) => r.path === "/lab/v1/models")).toBe(true);
  });

  it("spreads checks: each key's factor is fixed and lies in [0.8, 1.2)", () => {
    const factors = Array.from({ length: 1000 }, (_, i) => jitterFactor(`pk_${i}`));
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.8);
    expect(Math.max(...factors)).toBeLessThan(1.2);
    expect(Math.min(...factors)).toBeLessThan(0.81);
    expect(Math.max(...factors)).toBeGreaterThan(1.19);
    expect(jitterFactor("pk_1")).toBe(jitterFactor("pk_1"));
  });
});
