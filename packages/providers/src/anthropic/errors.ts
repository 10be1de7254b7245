// Anthropic's errors → UpstreamFailure. HTTP errors carry {type: "error", error: {type, message}}
// (https://platform.claude.com/docs/en/api/errors): 401 authentication_error, 403
// permission_error, 404 not_found_error, 413 request_too_large, 429 rate_limit_error (with
// retry-after), 500 api_error, 529 overloaded_error. 529 is not an HTTP status OpenAI clients
// know: it becomes 503 with code "overloaded" (retryable, like every 5xx). A stream can also
// fail with an `error` event after its 200; before any content that is a failure like these.
import { httpFailure } from "../failures.ts";
import type { UpstreamFailure } from "../types.ts";
import { isObject } from "./json.ts";

const OVERLOADED = 529;

const STATUS_OF_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: OVERLOADED,
};

export async function anthropicFailure(status: number, headers: Record<string, string | string[] | undefined>, body: AsyncIterable<Uint8Array>): Promise<UpstreamFailure> {
  const failure = await httpFailure(status === OVERLOADED ? 503 : status, headers, body);
  return status === OVERLOADED ? { ...failure, code: "overloaded" } : failure;
}

/** The failure an `error` event stands for (its data: {type: "error", error: {type, message}}). */
export function streamEventFailure(data: string): UpstreamFailure {
  let type = "api_error";
  let message = "The upstream stream failed.";
  try {
    const parsed: unknown = JSON.parse(data);
    const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : {};
    if (typeof error.type === "string") type = error.type;
    if (typeof error.message === "string") message = error.message;
  } catch {
    // keep the defaults
  }
  const status = STATUS_OF_TYPE[type] ?? 500;
  const base = { ok: false as const, message, param: null, retryAfter: null };
  if (status === OVERLOADED) return { ...base, kind: "server", status: 503, code: "overloaded" };
  const kind = status === 401 || status === 403 ? "auth" : status === 429 ? "rate_limit" : status === 504 ? "timeout" : status >= 500 ? "server" : "client";
  return { ...base, kind, status, code: null };
}
