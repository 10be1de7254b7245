// The typed configuration object, built once per process from the environment.
import { resolve } from "node:path";
import { SwitchyardError } from "@switchyard/core";
import { parseProviderSettings, parseWebSearchSettings, type ProviderSettings } from "./providers.ts";
import { envSchema } from "./schema.ts";

export interface Config {
  env: "development" | "production" | "test";
  logLevel: string;
  dataDir: string;
  /** Unset: the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /** Unset: redis://127.0.0.1:6379, or a private redis-server for the all-in-one start. */
  redisUrl: string | undefined;
  redisPrefix: string;
  host: string;
  ports: { gateway: number; api: number; worker: number };
  publicUrls: { gateway: string | undefined; api: string | undefined };
  /** Versioned master keys; unset outside production: generated into the data dir. */
  masterKeys: Map<number, Buffer> | undefined;
  apiKeyHmacSecret: string | undefined;
  /** `credits`: USD granted to the bootstrapped organization (decimal string). */
  bootstrap: { enabled: boolean; email: string; credits: string };
  shutdownTimeoutMs: number;
  /** House keys and base URL overrides, by provider id. */
  providers: ReadonlyMap<string, ProviderSettings>;
  /** Web-search house keys and base URL overrides, by web-search provider id. */
  webSearch: ReadonlyMap<string, ProviderSettings>;
  upstream: { headersTimeoutMs: number; bodyTimeoutMs: number; maxResponseBytes: number; allowlist: string[] };
  maxBodyBytes: number;
  /** Realtime WebSocket sessions: closed after this long without a frame in either direction. */
  realtime: { idleSeconds: number };
  /** Audio uploads (transcriptions, translations): the largest file accepted, bytes (413 over it). */
  audio: { maxFileBytes: number };
  /** Image edits uploads: the largest multipart body accepted, bytes (413 over it). */
  images: { maxUploadBytes: number };
  /** Fractions as decimal strings (money stays Decimal). */
  billing: { byokMarkup: string; creditsMargin: string };
  /** Provider-key health checks: how often each active key is re-validated, and how many
   * authentication failures in a row mark it invalid. */
  keyHealth: { intervalMinutes: number; failuresBeforeInvalid: number };
  /** Control-plane accounts: open sign-ups, session lifetime, sign-in throttling. */
  accounts: { signups: "open" | "closed"; sessionTtlHours: number; signIn: { maxFailures: number; windowSeconds: number }; secureCookies: boolean };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const vars = emptyAsUnset(env);
  const parsed = envSchema.safeParse(vars);
  const providers = parseProviderSettings(vars);
  const webSearch = parseWebSearchSettings(vars);
  const lines = [...(parsed.success ? [] : parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`)), ...providers.issues, ...webSearch.issues];
  if (!parsed.success || lines.length > 0) {
    throw new SwitchyardError("config_invalid", `Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const missing: string[] = [];
  if (e.NODE_ENV === "production") {
    if (!e.SWITCHYARD_MASTER_KEYS) missing.push("  SWITCHYARD_MASTER_KEYS: required in production (1:<base64 of 32 bytes>)");
    if (!e.SWITCHYARD_API_KEY_HMAC_SECRET) missing.push("  SWITCHYARD_API_KEY_HMAC_SECRET: required in production (32+ random characters)");
  }
  if (missing.length > 0) throw new SwitchyardError("config_invalid", `Invalid environment:\n${missing.join("\n")}`);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.SWITCHYARD_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.SWITCHYARD_REDIS_PREFIX,
    host: e.SWITCHYARD_HOST,
    ports: { gateway: e.GATEWAY_PORT, api: e.API_PORT, worker: e.WORKER_PORT },
    publicUrls: { gateway: e.SWITCHYARD_PUBLIC_GATEWAY_URL, api: e.SWITCHYARD_PUBLIC_API_URL },
    masterKeys: e.SWITCHYARD_MASTER_KEYS,
    apiKeyHmacSecret: e.SWITCHYARD_API_KEY_HMAC_SECRET,
    bootstrap: { enabled: e.SWITCHYARD_BOOTSTRAP, email: e.SWITCHYARD_BOOTSTRAP_EMAIL, credits: e.SWITCHYARD_BOOTSTRAP_CREDITS },
    shutdownTimeoutMs: e.SWITCHYARD_SHUTDOWN_TIMEOUT_MS,
    providers: providers.settings,
    webSearch: webSearch.settings,
    upstream: {
      headersTimeoutMs: e.SWITCHYARD_UPSTREAM_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: e.SWITCHYARD_UPSTREAM_BODY_TIMEOUT_MS,
      maxResponseBytes: Math.floor(e.SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB * 1024 * 1024),
      allowlist: e.SWITCHYARD_UPSTREAM_ALLOWLIST,
    },
    maxBodyBytes: e.SWITCHYARD_MAX_BODY_BYTES,
    realtime: { idleSeconds: e.SWITCHYARD_REALTIME_IDLE_SECONDS },
    audio: { maxFileBytes: Math.floor(e.SWITCHYARD_AUDIO_MAX_MB * 1024 * 1024) },
    images: { maxUploadBytes: Math.floor(e.SWITCHYARD_IMAGES_MAX_MB * 1024 * 1024) },
    billing: { byokMarkup: e.SWITCHYARD_BYOK_MARKUP, creditsMargin: e.SWITCHYARD_CREDITS_MARGIN },
    keyHealth: { intervalMinutes: e.SWITCHYARD_KEY_HEALTH_INTERVAL_MINUTES, failuresBeforeInvalid: e.SWITCHYARD_KEY_HEALTH_FAILURES },
    accounts: {
      signups: e.SWITCHYARD_SIGNUPS,
      sessionTtlHours: e.SWITCHYARD_SESSION_TTL_HOURS,
      signIn: { maxFailures: e.SWITCHYARD_SIGNIN_MAX_FAILURES, windowSeconds: e.SWITCHYARD_SIGNIN_WINDOW_SECONDS },
      // Cookies are `Secure` in production or when the API's public URL is https.
      secureCookies: e.NODE_ENV === "production" || (e.SWITCHYARD_PUBLIC_API_URL?.startsWith("https://") ?? false),
    },
  };
}

/** An empty variable (`FOO=`) counts as unset, as shells and .env files commonly mean it. */
function emptyAsUnset(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
}
