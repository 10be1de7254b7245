// An in-process control plane for tests: a fresh database (PGlite, or PostgreSQL with
// `postgres: true`), real Redis under a random prefix, the mock OpenAI upstream behind every
// catalog provider, and helpers to create users and call GraphQL through yoga.fetch.
import { createLogger, newId, randomToken } from "@switchyard/core";
import { migrate, openDatabase, type Database } from "@switchyard/db";
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist } from "@switchyard/providers";
import { providers } from "@switchyard/catalog";
import { startMockSearchUpstream, startMockUpstream, type MockSearchUpstream, type MockUpstream, type MockUpstreamOptions } from "@switchyard/testing";
import type { SearchProviderId } from "@switchyard/websearch";
import { createKeyring, generateAccessToken } from "@switchyard/vault";
import { Redis } from "ioredis";
import type { ControlPlaneDeps } from "../deps.ts";
import { createKeyValidator } from "@switchyard/key-check";
import { createControlPlane } from "../yoga.ts";

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  headers: Headers;
}

export interface TestUser {
  id: string;
  email: string;
  /** `Bearer syat_…` */
  authorization: string;
}

export interface ControlPlaneHarness {
  deps: ControlPlaneDeps;
  db: Database;
  mock: MockUpstream;
  /** Tavily, Exa, Kagi and Perplexity mocks (keys containing "bad" → 401, "forbidden" → 403, …). */
  searchMock: MockSearchUpstream;
  yoga: ReturnType<typeof createControlPlane>;
  /** POST /graphql as the given user (or anonymous). */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, as?: TestUser | { headers: Record<string, string> }): Promise<GqlResult<T>>;
  /** A user with an access token (and optionally the platform-operator flag). */
  user(options?: { operator?: boolean; email?: string; memberOf?: { organizationId: string; role: "owner" | "admin" | "member" | "viewer" } }): Promise<TestUser>;
  close(): Promise<void>;
}

/** Keys the mock OpenAI-compatible upstreams accept; others get 401 (or the status in `KEY_ERRORS`). */
export const GOOD_KEYS = ["sk-good-key-0001abcd", "sk-good-key-0002efgh", "sk-good-key-0003ijkl"];
export const KEY_ERRORS = { "sk-forbidden-key-9403": 403, "sk-limited-key-9429": 429 };

/** `houseKeys`: providers with an operator key (default: every catalog provider). `baseUrls`: other mocks by provider id (native protocols). */
export async function startControlPlaneHarness(
  options: { signIn?: { maxFailures: number; windowSeconds: number }; houseKeys?: string[]; mock?: MockUpstreamOptions; baseUrls?: Record<string, string> } = {},
): Promise<ControlPlaneHarness> {
  const mock = await startMockUpstream({ validKeys: GOOD_KEYS, keyErrors: KEY_ERRORS, ...options.mock });
  const searchMock = await startMockSearchUpstream();
  const db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  const directory = buildDirectory({ providers: new Map(providers.map((p) => [p.id, { baseUrl: options.baseUrls?.[p.id] ?? `${mock.url}/${p.id}/v1` }])) });
  const allowlist = parseAllowlist(["127.0.0.1"]);
  const http = createUpstreamHttp({ headersTimeoutMs: 5000, bodyTimeoutMs: 5000, allowlist });
  const deps: ControlPlaneDeps = {
    prisma: db.prisma,
    logger: createLogger({ level: "silent" }),
    redis,
    redisPrefix: `sytest-${randomToken(10)}`,
    hmacSecret: "control-plane-test-hmac-secret-0123456789",
    keyring: createKeyring([[1, Buffer.alloc(32, 7)]]),
    accounts: { signups: "open", sessionTtlHours: 24, signIn: options.signIn ?? { maxFailures: 5, windowSeconds: 60 }, secureCookies: false },
    upstreamAllowlist: allowlist,
    validateKey: createKeyValidator({ directory, adapters: createAdapterRegistry(http), http, searchBaseUrl: (id) => searchMock.baseUrl(id as SearchProviderId) }),
    houseKeyProviders: new Set(options.houseKeys ?? providers.map((p) => p.id)),
  };
  const yoga = createControlPlane(deps);

  return {
    deps,
    db,
    mock,
    searchMock,
    yoga,
    async gql<T>(query: string, variables: Record<string, unknown> = {}, as?: TestUser | { headers: Record<string, string> }) {
      const auth = as === undefined ? {} : "authorization" in as ? { authorization: as.authorization } : as.headers;
      const res = await yoga.fetch("http://api.test/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", ...auth },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: T; errors?: GqlResult["errors"] };
      return { status: res.status, data: body.data, ...(body.errors ? { errors: body.errors } : {}), headers: res.headers };
    },
    async user({ operator = false, email, memberOf } = {}) {
      const id = newId("usr");
      const token = generateAccessToken();
      const address = email ?? `${id}@example.com`;
      await db.prisma.user.create({ data: { id, email: address, isPlatformOperator: operator } });
      await db.prisma.accessToken.create({ data: { id: newId("tok"), userId: id, name: "test", tokenHash: token.tokenHash, last4: token.last4 } });
      if (memberOf) await db.prisma.membership.create({ data: { id: newId("mem"), userId: id, ...memberOf } });
      return { id, email: address, authorization: `Bearer ${token.token}` };
    },
    async close() {
      await mock.close();
      await searchMock.close();
      await db.close();
      redis.disconnect();
    },
  };
}
