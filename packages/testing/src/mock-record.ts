// What the mocks record of a request as it arrives: its headers flattened to one string each
// (lower-case names, as node gives them), and a fresh record the handlers then update in place.
import type { IncomingMessage } from "node:http";
import { requestId } from "./mock-ids.ts";
import type { RecordedRequest } from "./mock-types.ts";

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

export function newRecord(req: IncomingMessage): RecordedRequest {
  return { id: requestId(), method: req.method ?? "GET", path: req.url ?? "/", headers: flatHeaders(req), body: undefined, rawBody: "", receivedAt: Date.now(), finished: false, aborted: false };
}
