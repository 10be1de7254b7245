// What the control plane is given: read once by the process that starts the api role.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import type { Allowlist } from "@switchyard/providers";
import type { Keyring } from "@switchyard/vault";
import type { Redis } from "ioredis";
import type { KeyValidator } from "@switchyard/key-check";

export interface ControlPlaneDeps {
  prisma: PrismaClient;
  logger: Logger;
  redis: Redis;
  /** Prefix of every Redis key and channel of this deployment. */
  redisPrefix: string;
  hmacSecret: string;
  keyring: Keyring;
  accounts: Config["accounts"];
  /** Hosts a tenant-supplied base URL may reach besides public addresses (operator setting). */
  upstreamAllowlist: Allowlist;
  /** Proves a provider key works with a small upstream request before it is saved. */
  validateKey: KeyValidator;
  /** Providers with an operator (house) key configured, paid from credits; absent: none. */
  houseKeyProviders?: ReadonlySet<string>;
}
