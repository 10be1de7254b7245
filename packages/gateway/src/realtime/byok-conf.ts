// `byok_conf` for a realtime session, which has no body: the same JSON object chat takes
// ({provider, credentials, fallback}, chat/schema.ts), URL-encoded in the `byok_conf` query
// parameter (browsers cannot set headers on a WebSocket) or in an `x-byok-conf` header. A value
// that is not valid is a 400 naming byok_conf before any upstream is dialled; the credentials are
// never echoed.
import { SwitchyardError } from "@switchyard/core";
import { byokConfSchema, type ByokConf } from "../chat/schema.ts";
import { invalidParameter } from "../invalid-param.ts";
import type { RealtimeHandshake } from "./handshake.ts";

export function realtimeByokConf(handshake: Pick<RealtimeHandshake, "header" | "query">): ByokConf | undefined {
  const fromQuery = handshake.query("byok_conf");
  const fromHeader = handshake.header("x-byok-conf");
  if (fromQuery !== undefined && fromHeader !== undefined) {
    throw new SwitchyardError("invalid_request", "Give byok_conf once: in the byok_conf query parameter or in the x-byok-conf header, not both.", { param: "byok_conf" });
  }
  const text = fromQuery ?? fromHeader;
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidParameter("byok_conf", "is invalid (expected a JSON object {provider, credentials, fallback})");
  }
  const parsed = byokConfSchema.safeParse(raw);
  if (!parsed.success) throw invalidParameter("byok_conf", "is invalid (expected a JSON object {provider, credentials, fallback})");
  return parsed.data;
}
