// Bedrock's errors → UpstreamFailure. HTTP errors carry the error type in the x-amzn-ErrorType
// header (sometimes with a ":<namespace>" suffix) and a JSON body {"message"} (or "Message");
// stream exceptions carry it in `:exception-type` (camelCase) with a JSON {"message"} payload.
// Statuses from the Converse API reference and Bedrock's "Troubleshooting API error codes" page
// (https://docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html).
import type { UpstreamFailure, UpstreamFailureKind } from "../types.ts";

const TYPES: Record<string, { kind: UpstreamFailureKind; status: number; code?: string }> = {
  // Signature and credential failures (AWS's front end), and missing permissions or model access.
  AccessDeniedException: { kind: "auth", status: 403 },
  UnrecognizedClientException: { kind: "auth", status: 403 },
  InvalidSignatureException: { kind: "auth", status: 403 },
  InvalidClientTokenId: { kind: "auth", status: 403 },
  ExpiredTokenException: { kind: "auth", status: 403 },
  IncompleteSignatureException: { kind: "auth", status: 403 },
  MissingAuthenticationTokenException: { kind: "auth", status: 403 },
  ThrottlingException: { kind: "rate_limit", status: 429 },
  ServiceQuotaExceededException: { kind: "rate_limit", status: 429 },
  // "Not ready to serve inference requests" (sent as 429; AWS SDKs retry it): an overload, not a rate limit.
  // Code "overloaded": the gateway answers 503 (retry later) instead of 502.
  ModelNotReadyException: { kind: "server", status: 503, code: "overloaded" },
  ServiceUnavailableException: { kind: "server", status: 503, code: "overloaded" },
  InternalServerException: { kind: "server", status: 500 },
  ModelErrorException: { kind: "server", status: 424 },
  ModelStreamErrorException: { kind: "server", status: 424 },
  ModelTimeoutException: { kind: "timeout", status: 408 },
  ValidationException: { kind: "client", status: 400 },
  ResourceNotFoundException: { kind: "client", status: 404 },
};

/** The error type named by an x-amzn-ErrorType header value or a stream's `:exception-type`. */
function typeOf(raw: string): string {
  const name = raw.split(":", 1)[0]!.trim();
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const MAX_ERROR_BODY = 64 * 1024;

export async function bedrockHttpFailure(status: number, headers: Record<string, string | string[] | undefined>, body: AsyncIterable<Uint8Array>): Promise<UpstreamFailure> {
  let text = "";
  for await (const chunk of body) if (text.length < MAX_ERROR_BODY) text += Buffer.from(chunk).toString("utf8");
  let message = text.slice(0, 500) || `HTTP ${status}`;
  try {
    const parsed = JSON.parse(text) as { message?: unknown; Message?: unknown };
    const said = parsed.message ?? parsed.Message;
    if (typeof said === "string") message = said;
  } catch {
    // not JSON: keep the text
  }
  const header = headers["x-amzn-errortype"];
  const type = typeof header === "string" ? typeOf(header) : "";
  const { code = type || null, ...known } = TYPES[type] ?? { kind: kindOfStatus(status), status };
  const retryAfter = headers["retry-after"];
  return { ok: false, ...known, message, code, param: null, retryAfter: typeof retryAfter === "string" ? retryAfter : null };
}

function kindOfStatus(status: number): UpstreamFailureKind {
  if (status === 401 || status === 403) return "auth";
  if (status === 429) return "rate_limit";
  if (status === 408) return "timeout";
  return status >= 500 ? "server" : "client";
}

export function streamExceptionFailure(exceptionType: string, payload: Record<string, unknown>): UpstreamFailure {
  const type = typeOf(exceptionType);
  const { code = type, ...known } = TYPES[type] ?? { kind: "server" as const, status: 502 };
  const message = typeof payload.message === "string" ? payload.message : `Bedrock sent ${exceptionType}.`;
  return { ok: false, ...known, message, code, param: null, retryAfter: null };
}
