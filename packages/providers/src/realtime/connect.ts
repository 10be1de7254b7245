// Opens one upstream realtime WebSocket and waits for its first event, so that a failure is
// known before the client's upgrade completes (and the next planned key can be tried):
// - the handshake refused (HTTP 401/403/429/5xx: Azure, rate limits) → that status's failure;
// - accepted, then an `error` event (OpenAI answers a wrong key this way, then closes 3000) →
//   auth for invalid_api_key, rate_limit, client or server by the error's type;
// - closed, refused address, connect error or no first event in time → connection/timeout.
// On success the socket is handed over with the events that already arrived, still in order.
import type { ClientRequest, IncomingMessage } from "node:http";
import { WebSocket, type RawData } from "ws";
import { httpFailure, transportFailure } from "../failures.ts";
import { assertUpstreamUrl, guardedLookup, type Allowlist } from "../ssrf.ts";
import type { UpstreamFailure } from "../types.ts";
import type { RealtimeAddress } from "./address.ts";

export interface RealtimeFrame {
  data: Buffer;
  isBinary: boolean;
}

export interface RealtimeConnected {
  ok: true;
  socket: WebSocket;
  /** Frames received before the hand-over (the first is session.created), to relay first. */
  early: RealtimeFrame[];
  /** Stops buffering: the caller's own listeners take over from here. */
  takeOver(): RealtimeFrame[];
}

export interface RealtimeConnectOptions {
  /** Headers besides the credential (which the address carries and which wins). */
  headers?: Record<string, string>;
  /** Time allowed for the handshake and the first event. */
  timeoutMs: number;
  allowlist: Allowlist;
  maxPayload: number;
  signal: AbortSignal;
}

const failure = (kind: UpstreamFailure["kind"], status: number, message: string, code: string | null): UpstreamFailure => ({ ok: false, kind, status, message, code, param: null, retryAfter: null });

/** The failure an `error` event as first event stands for. */
export function errorEventFailure(payload: unknown): UpstreamFailure {
  const error = (payload as { error?: { type?: unknown; code?: unknown; message?: unknown } } | null)?.error ?? {};
  const code = typeof error.code === "string" ? error.code : null;
  const type = typeof error.type === "string" ? error.type : "";
  const message = typeof error.message === "string" ? error.message : "The upstream realtime API sent an error.";
  if (code === "invalid_api_key" || type === "authentication_error" || type === "permission_error") return failure("auth", 401, message, code);
  if (type.includes("rate_limit") || code === "rate_limit_exceeded") return failure("rate_limit", 429, message, code);
  if (type === "invalid_request_error") return failure("client", 400, message, code);
  return failure("server", 502, message, code);
}

export function connectRealtime(address: RealtimeAddress, options: RealtimeConnectOptions): Promise<RealtimeConnected | UpstreamFailure> {
  if (address.untrusted) {
    try {
      assertUpstreamUrl(address.url.replace(/^ws(s?):/i, "http$1:"), options.allowlist);
    } catch (error) {
      return Promise.resolve(transportFailure(error));
    }
  }
  return new Promise((resolve) => {
    // No subprotocols are offered upstream: `ws` refuses an answer that selects none of them.
    const socket = new WebSocket(address.url, {
      headers: { ...options.headers, ...address.headers },
      perMessageDeflate: false,
      maxPayload: options.maxPayload,
      handshakeTimeout: options.timeoutMs,
      followRedirects: false,
      ...(address.untrusted ? { lookup: guardedLookup(options.allowlist) } : {}),
    });
    const early: RealtimeFrame[] = [];
    let settled = false;
    const timer = setTimeout(() => fail(failure("timeout", 504, "The upstream realtime API did not answer in time.", null)), options.timeoutMs);
    const onAbort = () => fail(failure("connection", 499, "The client went away.", null));
    options.signal.addEventListener("abort", onAbort, { once: true });

    const cleanup = () => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      socket.removeListener("message", onMessage);
      socket.removeListener("close", onClose);
      socket.removeListener("unexpected-response", onResponse);
    };
    function fail(outcome: UpstreamFailure): void {
      if (settled) return;
      settled = true;
      cleanup();
      socket.terminate();
      resolve(outcome);
    }
    function onMessage(raw: RawData, isBinary: boolean): void {
      const data = raw as Buffer; // binaryType "nodebuffer": always one Buffer
      early.push({ data, isBinary });
      if (settled) return;
      if (!isBinary && data.includes('"error"')) {
        let parsed: { type?: unknown } | undefined;
        try {
          parsed = JSON.parse(data.toString("utf8")) as { type?: unknown };
        } catch {
          parsed = undefined;
        }
        if (parsed?.type === "error") return fail(errorEventFailure(parsed));
      }
      settled = true;
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      socket.removeListener("close", onClose);
      socket.removeListener("unexpected-response", onResponse);
      resolve({
        ok: true,
        socket,
        early,
        takeOver() {
          socket.removeListener("message", onMessage);
          return early;
        },
      });
    }
    function onClose(code: number): void {
      fail(failure("connection", 502, `The upstream realtime API closed the connection (${code}) before the session started.`, null));
    }
    function onResponse(request: ClientRequest, response: IncomingMessage): void {
      void httpFailure(response.statusCode ?? 502, response.headers, response)
        .catch(() => failure("connection", 502, "The upstream realtime API refused the connection.", null))
        .then((outcome) => {
          request.destroy();
          fail(outcome);
        });
    }
    socket.on("message", onMessage);
    socket.on("close", onClose);
    socket.on("unexpected-response", onResponse);
    // After hand-over the session's own error listener decides; before it, an error fails the attempt.
    socket.on("error", (error) => {
      if (!settled) fail(transportFailure(error));
    });
  });
}
