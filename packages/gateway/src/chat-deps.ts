// Builds everything the chat route needs from the process's services, once.
import { join } from "node:path";
import { Decimal } from "decimal.js";
import type { Queue } from "bullmq";
import { buildDirectory, createAdapterRegistry, createUpstreamHttp, parseAllowlist, type UpstreamHttp } from "@switchyard/providers";
import { createUsageQueue, type UsageJobData } from "@switchyard/queue";
import type { Services } from "@switchyard/runtime";
import { createBalances } from "./chat/balances.ts";
import { createCustomProviders } from "./chat/custom-providers.ts";
import { createOrgKeys } from "./chat/org-keys.ts";
import { createPriceOverrides } from "./chat/price-overrides.ts";
import type { ChatDeps } from "./chat/run.ts";
import { queueSink, type UsageSink } from "./usage-sink.ts";
import { createSpool } from "./usage-spool.ts";

const SPOOL_REPLAY_MS = 5_000;

export interface BuiltChatDeps {
  chat: ChatDeps;
  close(): Promise<void>;
}

export function buildChatDeps(services: Services, overrides: { sink?: UsageSink } = {}): BuiltChatDeps {
  const { config, db, logger } = services;
  const http: UpstreamHttp = createUpstreamHttp({ ...config.upstream, allowlist: parseAllowlist(config.upstream.allowlist) });
  const queue: Queue<UsageJobData> = createUsageQueue(services.redis as never, config.redisPrefix);
  const queued = queueSink({ queue, connected: () => services.redis.status === "ready", spool: createSpool(join(config.dataDir, "spool"), logger), logger });
  const sink = overrides.sink ?? queued;
  const replayTimer = setInterval(() => void queued.replay().catch(() => {}), SPOOL_REPLAY_MS);
  replayTimer.unref();
  return {
    chat: {
      directory: buildDirectory(config),
      adapters: createAdapterRegistry(http),
      http,
      orgKeys: createOrgKeys({ sql: db.sql, keyring: services.keyring, logger }),
      balances: createBalances(db.sql),
      customProviders: createCustomProviders(db.sql),
      prices: createPriceOverrides(db.sql),
      sink,
      rates: { byokMarkup: new Decimal(config.billing.byokMarkup), creditsMargin: new Decimal(config.billing.creditsMargin) },
      logger,
      maxBodyBytes: config.maxBodyBytes,
      audioMaxFileBytes: config.audio.maxFileBytes,
      imagesMaxUploadBytes: config.images.maxUploadBytes,
    },
    async close() {
      clearInterval(replayTimer);
      await queued.flush();
      await queue.close();
      await http.close();
    },
  };
}
