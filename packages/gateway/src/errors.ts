// Every gateway error leaves as OpenAI's envelope with the right status, never a stack trace.
import { HTTPError } from "h3";
import { SwitchyardError, toSwitchyardError, type Logger } from "@switchyard/core";

export function toGatewayError(error: unknown): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  if (HTTPError.isError(error)) {
    if (error.cause instanceof SwitchyardError) return error.cause;
    if (error.status === 404) return new SwitchyardError("not_found", "Unknown endpoint. See GET /v1/models and POST /v1/chat/completions.");
    if (error.status === 405) return new SwitchyardError("method_not_allowed", "Method not allowed for this endpoint.");
    if (error.status === 413) return new SwitchyardError("payload_too_large", "Request body too large.");
    if (error.status === 400) return new SwitchyardError("invalid_request", error.message || "Bad request.");
  }
  return toSwitchyardError(error);
}

/** A complete (non-streaming) answer, independent of the HTTP layer that sends it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The error's envelope as a reply; server-side failures are logged once, without secrets. */
export function errorReply(error: unknown, logger: Logger, requestId: string | null | undefined): Reply {
  const err = toGatewayError(error);
  if (err.status >= 500) logger.error({ requestId, err: err.cause instanceof Error ? err.cause.message : err.message, code: err.code }, "request failed");
  return { status: err.status, headers: { "content-type": "application/json", ...err.headers }, body: JSON.stringify(err.toEnvelope()) };
}

export function errorResponse(error: unknown, logger: Logger, requestId: string | null): Response {
  const { status, headers, body } = errorReply(error, logger, requestId);
  return new Response(body, { status, headers });
}
