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

export function errorResponse(error: unknown, logger: Logger, requestId: string | null): Response {
  const err = toGatewayError(error);
  if (err.status >= 500) logger.error({ requestId, err: err.cause instanceof Error ? err.cause.message : err.message, code: err.code }, "request failed");
  return new Response(JSON.stringify(err.toEnvelope()), {
    status: err.status,
    headers: { "content-type": "application/json", ...err.headers },
  });
}
