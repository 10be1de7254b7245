// What the control plane is given: read once by the process that starts the api role.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import type { Keyring } from "@switchyard/vault";
import type { Redis } from "ioredis";
import type { KeyValidator } from "./provider-keys/validate.ts";

export interface ControlPlaneDeps {
  prisma: PrismaClient;
  logger: Logger;
  redis: Redis;
  /** Prefix of every Redis key and channel of this deployment. */
  redisPrefix: string;
  hmacSecret: string;
  keyring: Keyring;
  accounts: Config["accounts"];
  /** Proves a provider key works with a small upstream request before it is saved. */
  validateKey: KeyValidator;
}
