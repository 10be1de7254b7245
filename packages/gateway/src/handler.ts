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
  // Web search inside chat completions uses the web-search route's keys, providers and pricing.
  const chat = chatRoute(deps.web === undefined || deps.chat.web !== undefined ? deps : { ...deps, chat: { ...deps.chat, web: deps.web } });
  const rest = toNodeHandler(createGatewayApp(deps));
  return (req, res) => (isChatRequest(req) ? chat(req, res) : rest(req, res));
}
