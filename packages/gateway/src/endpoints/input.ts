// An h3 request as the endpoint runner's input: the key the app's middleware authenticated, a
// fresh request id (the billing key: never the client's), its headers, and an abort signal that
// fires when the client goes away.
import { newId } from "@switchyard/core";
import type { H3Event } from "h3";
import type { ResolvedKey } from "../key-cache.ts";
import type { EndpointInput } from "./run-endpoint.ts";

export function endpointInput(event: H3Event): EndpointInput {
  const abort = new AbortController();
  event.req.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const { headers } = event.req;
  return {
    key: event.context.apiKey as ResolvedKey,
    requestId: newId("req"),
    header: (name) => headers.get(name) ?? undefined,
    abort,
  };
}
