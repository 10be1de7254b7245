// What every role is given by the process that starts it: read once, passed down.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import type { Database } from "@switchyard/db";
import type { Keyring } from "@switchyard/vault";
import type { Redis } from "ioredis";

export type Lifecycle = "starting" | "running" | "draining";

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  /** HMAC key for API key secrets (see @switchyard/vault). */
  hmacSecret: string;
  /** Master keys for provider secrets (see @switchyard/vault). */
  keyring: Keyring;
  /** Readiness is 503 until start-up (migrations, bootstrap) is complete and again once shutdown begins. */
  lifecycle(): Lifecycle;
}

/** A started role: its port (if it serves HTTP) and how to stop it within a time budget. */
export interface RoleHandle {
  name: string;
  port?: number;
  stop(timeoutMs: number): Promise<void>;
}
