// The data plane's h3 app. Every route lives under /v1 and again under /api/v1.
import { H3 } from "h3";
import type { Logger } from "@switchyard/core";
import type { Authenticator } from "./auth.ts";
import { chatCompletions, type ChatDeps } from "./chat/run.ts";
import { errorResponse } from "./errors.ts";
import { keyInfo } from "./routes/key.ts";
import { listModels } from "./routes/models.ts";

export function createGatewayApp(deps: { auth: Authenticator; logger: Logger; chat: ChatDeps }): H3 {
  const app = new H3({
    silent: true, // failures are logged by errorResponse, once, without secrets
    onError: (error, event) => errorResponse(error, deps.logger, event.req.headers.get("x-request-id")),
  });
  app.use(async (event) => {
    const path = event.url.pathname;
    if (path.startsWith("/v1/") || path.startsWith("/api/v1/")) {
      event.context.apiKey = await deps.auth.authenticate(event.req.headers);
    }
  });
  const chat = chatCompletions(deps.chat);
  const models = listModels(deps.chat);
  for (const base of ["/v1", "/api/v1"]) {
    app.get(`${base}/key`, keyInfo);
    app.get(`${base}/models`, models);
    app.post(`${base}/chat/completions`, chat);
  }
  return app;
}
