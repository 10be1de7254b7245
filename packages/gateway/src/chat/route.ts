// POST /v1/chat/completions (and /api/v1/…) on the raw node request and response, in front of
// h3: the hot path skips the conversion to web Request/Response objects. Same order as the h3
// routes: the key is checked before the body is read.
import type { IncomingMessage, ServerResponse } from "node:http";
import { newId, type Logger } from "@switchyard/core";
import type { Authenticator } from "../auth.ts";
import { readJsonBody } from "../body.ts";
import { errorReply } from "../errors.ts";
import { sendReply, sendStream } from "../send.ts";
import { chatCompletions, type ChatDeps } from "./run.ts";

export const CHAT_PATHS: ReadonlySet<string> = new Set(["/v1/chat/completions", "/api/v1/chat/completions"]);

/** Whether h3 would route this request to chat completions (it ignores the query and a trailing slash). */
export function isChatRequest(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  const url = req.url ?? "";
  const query = url.indexOf("?");
  const path = query === -1 ? url : url.slice(0, query);
  return CHAT_PATHS.has(path.endsWith("/") ? path.slice(0, -1) : path);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : value?.join(", ");
}

export function chatRoute(deps: { auth: Authenticator; logger: Logger; chat: ChatDeps }): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const run = chatCompletions(deps.chat);
  return async (req, res) => {
    // Always our own id: it is the billing key (one charge per request id), so a client's
    // x-request-id must never choose it, or repeating one would make every later request free.
    const requestId = newId("req");
    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const key = await deps.auth.authenticate({ authorization: req.headers.authorization, "x-api-key": header(req, "x-api-key") });
      const body = await readJsonBody(req, deps.chat.maxBodyBytes);
      const reply = await run({ key, requestId, header: (name) => header(req, name), body, abort });
      if ("stream" in reply) await sendStream(res, reply);
      else sendReply(res, reply);
    } catch (error) {
      const reply = errorReply(error, deps.logger, requestId);
      if (res.headersSent) res.destroy(); // failed mid-stream: the client sees the stream break
      else sendReply(res, reply);
    }
  };
}
