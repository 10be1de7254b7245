// Every environment variable Switchyard reads, validated with zod. The README's table mirrors this.
import { z } from "zod";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(["0", "1", "true", "false", "yes", "no"], { error: "expected 1/0, true/false or yes/no" })
    .default(fallback ? "1" : "0")
    .transform((v) => v === "1" || v === "true" || v === "yes");

/** `1:<base64 32 bytes>,2:<base64 32 bytes>`: versioned AES-256 master keys. */
const masterKeys = z
  .string()
  .transform((value, ctx) => {
    const keys = new Map<number, Buffer>();
    for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
      const match = /^(\d+):(.+)$/.exec(part);
      const key = match ? Buffer.from(match[2]!, "base64") : undefined;
      if (!match || key?.length !== 32 || keys.has(Number(match[1]))) {
        ctx.addIssue({ code: "custom", message: "expected comma-separated <version>:<base64 of 32 bytes>, versions unique" });
        return z.NEVER;
      }
      keys.set(Number(match[1]), key);
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: "custom", message: "expected at least one <version>:<base64 key>" });
      return z.NEVER;
    }
    return keys;
  })
  .optional();

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SWITCHYARD_DATA_DIR: z.string().min(1).default("./.switchyard"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL").optional(),
  SWITCHYARD_REDIS_PREFIX: z.string().regex(/^[\w.:-]+$/, "expected letters, digits and . _ : -").default("switchyard"),
  SWITCHYARD_HOST: z.string().min(1).default("0.0.0.0"),
  GATEWAY_PORT: port(8080),
  API_PORT: port(4000),
  WORKER_PORT: port(8090),
  SWITCHYARD_PUBLIC_GATEWAY_URL: z.url().optional(),
  SWITCHYARD_PUBLIC_API_URL: z.url().optional(),
  SWITCHYARD_MASTER_KEYS: masterKeys,
  SWITCHYARD_API_KEY_HMAC_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  SWITCHYARD_BOOTSTRAP: flag(true),
  SWITCHYARD_BOOTSTRAP_EMAIL: z.email().default("admin@switchyard.local"),
  SWITCHYARD_BOOTSTRAP_CREDITS: z.string().regex(/^\d+(\.\d{1,10})?$/, "expected a non-negative USD amount, e.g. 10").default("10"),
  SWITCHYARD_KEY_HEALTH_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(360),
  SWITCHYARD_KEY_HEALTH_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  SWITCHYARD_SIGNUPS: z.enum(["open", "closed"]).default("open"),
  SWITCHYARD_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(168),
  SWITCHYARD_SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  SWITCHYARD_SIGNIN_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  SWITCHYARD_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(1024 ** 3).default(10 * 1024 * 1024),
  SWITCHYARD_UPSTREAM_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  SWITCHYARD_UPSTREAM_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB: z.coerce.number().positive().max(4096).default(256),
  SWITCHYARD_UPSTREAM_ALLOWLIST: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every((e) => /^[\w.:-]+(\/\d{1,3})?$/.test(e)), "expected comma-separated host names or CIDRs"),
  SWITCHYARD_BYOK_MARKUP: z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/, "expected a fraction between 0 and 1, e.g. 0.05").default("0.05"),
  SWITCHYARD_CREDITS_MARGIN: z.string().regex(/^\d+(\.\d+)?$/, "expected a non-negative fraction, e.g. 0.1").default("0"),
  SWITCHYARD_REALTIME_IDLE_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(300),
  SWITCHYARD_AUDIO_MAX_MB: z.coerce.number().positive().max(4096).default(25),
  SWITCHYARD_IMAGES_MAX_MB: z.coerce.number().positive().max(4096).default(50),
  SWITCHYARD_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
});

export type Env = z.output<typeof envSchema>;
