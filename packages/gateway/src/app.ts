// The data plane's h3 app. Every route lives under /v1 and again under /api/v1. Chat completions
// are served in front of it, on the raw node request (see handler.ts and chat/route.ts).
import { H3 } from "h3";
import type { Logger } from "@switchyard/core";
import type { Authenticator } from "./auth.ts";
import type { ChatDeps } from "./chat/run.ts";
import { registerEndpointRoutes } from "./endpoints/routes.ts";
import { errorResponse } from "./errors.ts";
import { keyInfo } from "./routes/key.ts";
import { listModels } from "./routes/models.ts";
import type { WebDeps } from "./web/deps.ts";
import { WEB_SEARCH_PATHS, webSearchRoute } from "./web/route.ts";

export function createGatewayApp(deps: { auth: Authenticator; logger: Logger; chat: ChatDeps; web?: WebDeps }): H3 {
  const app = new H3({
    silent: true, // failures are logged by errorResponse, once, without secrets
    onError: (error, event) => errorResponse(error, deps.logger, event.req.headers.get("x-request-id")),
  });
  app.use(async (event) => {
    const path = event.url.pathname;
    if (path.startsWith("/v1/") || path.startsWith("/api/v1/")) {
      const { headers } = event.req;
      event.context.apiKey = await deps.auth.authenticate({ authorization: headers.get("authorization"), "x-api-key": headers.get("x-api-key") });
    }
  });
  const models = listModels(deps.chat);
  for (const base of ["/v1", "/api/v1"]) {
    app.get(`${base}/key`, keyInfo);
    app.get(`${base}/models`, models);
  }
  registerEndpointRoutes(app, deps.chat);
  if (deps.web) {
    const web = webSearchRoute(deps.web, deps.auth);
    for (const path of WEB_SEARCH_PATHS) app.post(path, web);
  }
  return app;
}
