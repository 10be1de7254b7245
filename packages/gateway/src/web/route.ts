// The h3 handler of POST /api/web, /v1/web and /api/v1/web. It authenticates like every data
// plane route (the same authenticator; /api/web is outside the app's /v1 and /api/v1 prefix, so
// the key is checked here when the app has not checked it), reads the body and sends run.ts's reply.
import { newId } from "@switchyard/core";
import type { H3Event } from "h3";
import type { Authenticator } from "../auth.ts";
import type { ResolvedKey } from "../key-cache.ts";
import { readJsonRequest } from "./body.ts";
import type { WebDeps } from "./deps.ts";
import { webSearch } from "./run.ts";

export const WEB_SEARCH_PATHS = ["/api/web", "/v1/web", "/api/v1/web"] as const;

export function webSearchRoute(deps: WebDeps, auth: Authenticator): (event: H3Event) => Promise<Response> {
  const run = webSearch(deps);
  return async (event) => {
    const { headers } = event.req;
    const key = (event.context.apiKey as ResolvedKey | undefined) ?? (await auth.authenticate({ authorization: headers.get("authorization"), "x-api-key": headers.get("x-api-key") }));
    const body = await readJsonRequest(event.req, deps.maxBodyBytes);
    const abort = new AbortController();
    event.req.signal.addEventListener("abort", () => abort.abort(), { once: true });
    const reply = await run({ key, requestId: newId("req"), header: (name) => headers.get(name) ?? undefined, body, abort });
    return new Response(reply.body === "" ? null : reply.body, { status: reply.status, headers: reply.headers });
  };
}
