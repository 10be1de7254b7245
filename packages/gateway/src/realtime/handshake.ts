// The client's upgrade request: is it GET /v1/realtime (or /api/v1/realtime), which model, and
// which Switchyard key: `Authorization: Bearer <key>` (or `x-api-key`), or for browsers the
// `openai-insecure-api-key.<key>` subprotocol OpenAI's clients send. The key's subprotocol is
// never echoed; the client is answered with `realtime` (or another protocol it offered). The
// upstream gets no subprotocol (its credential goes in a header), only the beta interface choice
// (`openai-beta.realtime-v1` becomes `OpenAI-Beta: realtime=v1`). Failures before the upgrade are
// answered as plain HTTP in OpenAI's error envelope.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { STATUS_CODES } from "node:http";
import { SwitchyardError } from "@switchyard/core";
import type { KeyHeaders } from "../auth.ts";

export const REALTIME_PATHS: ReadonlySet<string> = new Set(["/v1/realtime", "/api/v1/realtime"]);
export const KEY_PROTOCOL_PREFIX = "openai-insecure-api-key.";

export interface RealtimeHandshake {
  model: string;
  /** Headers for the upstream besides its credential: the beta interface, when the client asked for it. */
  upstreamHeaders: Record<string, string>;
  /** The key headers to authenticate with (a subprotocol key as a Bearer authorization). */
  keyHeaders: KeyHeaders;
  header(name: string): string | undefined;
  /** A query parameter of the upgrade URL, undefined when absent. */
  query(name: string): string | undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : value?.join(", ");
}

export function isRealtimePath(url: string | undefined): boolean {
  const raw = url ?? "";
  const query = raw.indexOf("?");
  const path = query === -1 ? raw : raw.slice(0, query);
  return REALTIME_PATHS.has(path.endsWith("/") ? path.slice(0, -1) : path);
}

/** Reads the handshake; throws a SwitchyardError (400) naming what is wrong. */
export function readHandshake(req: IncomingMessage): RealtimeHandshake {
  // Checked before any upstream is dialled (the WebSocket library checks again when upgrading).
  const key = header(req, "sec-websocket-key") ?? "";
  if (req.method !== "GET" || header(req, "upgrade")?.toLowerCase() !== "websocket" || !/^[+/0-9A-Za-z]{22}==$/.test(key) || header(req, "sec-websocket-version") !== "13") {
    throw new SwitchyardError("invalid_request", "Expected a WebSocket handshake (GET, Upgrade: websocket, Sec-WebSocket-Version: 13).");
  }
  const url = new URL(req.url ?? "/", "http://gateway");
  const model = url.searchParams.get("model")?.trim();
  const offered = (header(req, "sec-websocket-protocol") ?? "").split(",").map((p) => p.trim()).filter(Boolean);
  const keyProtocol = offered.find((p) => p.startsWith(KEY_PROTOCOL_PREFIX));
  const protocols = offered.filter((p) => !p.startsWith(KEY_PROTOCOL_PREFIX));
  const authorization = header(req, "authorization");
  const keyHeaders: KeyHeaders =
    authorization || header(req, "x-api-key") || !keyProtocol
      ? { authorization, "x-api-key": header(req, "x-api-key") }
      : { authorization: `Bearer ${keyProtocol.slice(KEY_PROTOCOL_PREFIX.length)}`, "x-api-key": undefined };
  // The beta interface is chosen by `OpenAI-Beta: realtime=v1` or the `openai-beta.realtime-v1` subprotocol.
  const beta = header(req, "openai-beta") ?? (protocols.includes("openai-beta.realtime-v1") ? "realtime=v1" : undefined);
  return { model: model ?? "", upstreamHeaders: beta ? { "openai-beta": beta } : {}, keyHeaders, header: (name) => header(req, name), query: (name) => url.searchParams.get(name) ?? undefined };
}

export function requireModel(handshake: RealtimeHandshake): void {
  if (!handshake.model) throw new SwitchyardError("invalid_request", "Missing required query parameter: model (GET /v1/realtime?model=gpt-realtime).", { param: "model" });
}

/** The subprotocol the gateway answers with: `realtime` when offered, else the first offered one, else none. */
export function chooseProtocol(protocols: ReadonlySet<string>): string | false {
  const usable = [...protocols].filter((p) => !p.startsWith(KEY_PROTOCOL_PREFIX));
  return usable.includes("realtime") ? "realtime" : (usable[0] ?? false);
}

/** Answers the upgrade request with an HTTP error in OpenAI's envelope, then closes the socket. */
export function rejectUpgrade(socket: Duplex, error: SwitchyardError, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(error.toEnvelope());
  const lines = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? "Error"}`,
    "content-type: application/json",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    ...Object.entries({ ...error.headers, ...headers }).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
  socket.once("finish", () => socket.destroy());
}
