// Liveness and readiness, shared by every role: ready = database and Redis answer in time.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Redis } from "ioredis";
import type { Database } from "@switchyard/db";
import type { Lifecycle } from "./services.ts";

export interface Readiness {
  ok: boolean;
  checks: { database: "ok" | "unavailable"; redis: "ok" | "unavailable" };
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}

export async function readiness(db: Database, redis: Redis, timeoutMs = 2000): Promise<Readiness> {
  const [database, cache] = await Promise.allSettled([within(db.ping(), timeoutMs), within(redis.ping(), timeoutMs)]);
  const checks = {
    database: database.status === "fulfilled" ? "ok" : "unavailable",
    redis: cache.status === "fulfilled" && cache.value === "PONG" ? "ok" : "unavailable",
  } as const;
  return { ok: checks.database === "ok" && checks.redis === "ok", checks };
}

/** Answers GET /healthz and /readyz; returns false for any other request. */
export function handleHealth(req: IncomingMessage, res: ServerResponse, db: Database, redis: Redis, lifecycle: () => Lifecycle): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/healthz" && path !== "/readyz") return false;
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  };
  if (path === "/healthz") {
    send(200, { status: "ok" });
  } else if (lifecycle() !== "running") {
    send(503, { status: lifecycle() });
  } else {
    void readiness(db, redis).then((r) => send(r.ok ? 200 : 503, { status: r.ok ? "ready" : "unavailable", checks: r.checks }));
  }
  return true;
}
