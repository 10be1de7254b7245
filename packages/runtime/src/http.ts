// Node HTTP servers for the roles: one JSON log line per request with its request id, and a
// graceful close that lets in-flight requests finish within the shutdown budget.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { newId, type Logger } from "@switchyard/core";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;
/** Handles an HTTP upgrade request (WebSockets); without one, upgrades are refused. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Wraps a handler: assigns `x-request-id` (the client's if well-formed) and logs the outcome (at info level). */
export function withRequestLog(handler: NodeHandler, logger: Logger, role: string): NodeHandler {
  // The level is fixed for the process: with info off, no listener is added per request.
  const logging = logger.isLevelEnabled("info");
  return (req, res) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : newId("req");
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    if (!logging) return handler(req, res);
    const started = performance.now();
    res.once("close", () => {
      logger.info(
        {
          role,
          requestId,
          method: req.method,
          // The query string is left out: clients put keys there.
          path: (req.url ?? "").split("?")[0],
          status: res.statusCode,
          aborted: !res.writableFinished,
          durationMs: Math.round(performance.now() - started),
        },
        "request",
      );
    });
    return handler(req, res);
  };
}

export interface RunningServer {
  server: Server;
  port: number;
  close(timeoutMs: number): Promise<void>;
}

export async function listen(handler: NodeHandler, host: string, port: number, upgrade?: UpgradeHandler): Promise<RunningServer> {
  const server = createServer((req, res) => void handler(req, res));
  if (upgrade) server.on("upgrade", upgrade);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: (timeoutMs) => closeGracefully(server, timeoutMs),
  };
}

/** Stops accepting, closes idle keep-alive sockets, waits for in-flight requests, then forces. */
function closeGracefully(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
