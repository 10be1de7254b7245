// What every role is given by the process that starts it: read once, passed down.
import type { Config } from "@switchyard/config";
import type { Logger } from "@switchyard/core";
import type { Database } from "@switchyard/db";
import type { Redis } from "ioredis";

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  /** HMAC key for API key secrets (see @switchyard/vault). */
  hmacSecret: string;
  /** True once shutdown has begun: readiness turns 503 so load balancers stop sending. */
  draining(): boolean;
}

/** A started role: its port (if it serves HTTP) and how to stop it within a time budget. */
export interface RoleHandle {
  name: string;
  port?: number;
  stop(timeoutMs: number): Promise<void>;
}
