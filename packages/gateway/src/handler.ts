// The gateway's node request handler: chat completions on the raw node request (the hot path),
// every other route through the h3 app.
import type { Logger } from "@switchyard/core";
import { toNodeHandler } from "h3";
import type { NodeHandler } from "@switchyard/runtime";
import { createGatewayApp } from "./app.ts";
import type { Authenticator } from "./auth.ts";
import { chatRoute, isChatRequest } from "./chat/route.ts";
import type { ChatDeps } from "./chat/run.ts";
import type { WebDeps } from "./web/deps.ts";

export function createGatewayHandler(deps: { auth: Authenticator; logger: Logger; chat: ChatDeps; web?: WebDeps }): NodeHandler {
  const chat = chatRoute(deps);
  const rest = toNodeHandler(createGatewayApp(deps));
  return (req, res) => (isChatRequest(req) ? chat(req, res) : rest(req, res));
}
