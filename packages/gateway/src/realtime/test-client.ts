// A small `ws` client speaking the Realtime protocol, for the relay's tests and benchmark: it
// keeps every server event and waits for the next of a type.
import type { IncomingMessage } from "node:http";
import { Decimal } from "decimal.js";
import { WebSocket, type ClientOptions, type RawData } from "ws";

export interface ServerEvent {
  type: string;
  [key: string]: unknown;
}

export interface RealtimeTestClient {
  ws: WebSocket;
  events: ServerEvent[];
  binary: Buffer[];
  /** The 101 answer's headers. */
  headers: IncomingMessage["headers"];
  send(event: Record<string, unknown>): void;
  /** Resolves with the first event of `type` not yet returned by an earlier call. */
  next(type: string, timeoutMs?: number): Promise<ServerEvent>;
  closed: Promise<{ code: number; reason: string }>;
}

export type Refused = { refused: true; status: number; headers: IncomingMessage["headers"]; body: { error: { code: string; message: string; type: string; param: string | null } } };

export function openRealtime(url: string, options: { key?: string; protocols?: string[]; headers?: Record<string, string>; ws?: ClientOptions } = {}): Promise<RealtimeTestClient | Refused> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers }, perMessageDeflate: false, ...options.ws });
  const events: ServerEvent[] = [];
  const binary: Buffer[] = [];
  const consumed = new Set<ServerEvent>();
  const waiters: Array<() => void> = [];
  ws.on("message", (raw: RawData, isBinary: boolean) => {
    if (isBinary) binary.push(raw as Buffer);
    else events.push(JSON.parse((raw as Buffer).toString("utf8")) as ServerEvent);
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("error", () => {});
  return new Promise((resolve, reject) => {
    ws.once("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ refused: true, status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) as Refused["body"] }));
    });
    ws.once("upgrade", (res) => {
      ws.once("open", () =>
        resolve({
          ws,
          events,
          binary,
          headers: res.headers,
          closed,
          send: (event) => ws.send(JSON.stringify(event)),
          next(type, timeoutMs = 10_000) {
            return new Promise((done, fail) => {
              const timer = setTimeout(() => fail(new Error(`no ${type} event within ${timeoutMs} ms (saw ${events.map((e) => e.type).join(", ")})`)), timeoutMs);
              const look = () => {
                const found = events.find((e) => e.type === type && !consumed.has(e));
                if (found) {
                  consumed.add(found);
                  clearTimeout(timer);
                  return done(found);
                }
                if (ws.readyState === WebSocket.CLOSED) {
                  clearTimeout(timer);
                  return fail(new Error(`closed before a ${type} event (saw ${events.map((e) => e.type).join(", ")})`));
                }
                waiters.push(look);
              };
              void closed.then(() => waiters.includes(look) && look());
              look();
            });
          },
        }),
      );
    });
    ws.once("error", (error) => reject(error));
  });
}

export function isRefused(result: RealtimeTestClient | Refused): result is Refused {
  return "refused" in result;
}

/**
 * What a realtime response's usage event must bill, from its cost total: credits pay the full
 * cost (no markup), an own key the harness's 5% BYOK markup and nothing else.
 */
export function expectedBilling(costTotal: string, source: "credits" | "byok"): { markup: string; amountBilled: string } {
  const total = new Decimal(costTotal);
  if (source === "credits") return { markup: new Decimal(0).toFixed(10), amountBilled: total.toFixed(10) };
  const markup = total.times("0.05").toFixed(10, Decimal.ROUND_HALF_UP);
  return { markup, amountBilled: markup };
}
