// Anthropic's error responses: {type: "error", error: {type, message}, request_id}, with the
// status → type table of https://platform.claude.com/docs/en/api/errors. 429 carries
// retry-after and anthropic-ratelimit-* headers.

export interface AnthropicErrorResponse {
  status: number;
  body: { type: "error"; error: { type: string; message: string }; request_id: string };
  headers: Record<string, string>;
}

const DEFAULTS: Record<number, [string, string]> = {
  400: ["invalid_request_error", "Invalid request (Anthropic mock)."],
  401: ["authentication_error", "invalid x-api-key"],
  402: ["billing_error", "Your credit balance is too low to access the Anthropic API."],
  403: ["permission_error", "Your API key does not have permission to use the specified resource."],
  404: ["not_found_error", "Not found."],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "This request would exceed the rate limit for your organization of 50 requests per minute."],
  500: ["api_error", "Internal server error"],
  504: ["timeout_error", "Request timed out"],
  529: ["overloaded_error", "Overloaded"],
};

export function anthropicError(status: number, requestId: string, type?: string, message?: string): AnthropicErrorResponse {
  const [defaultType, defaultMessage] = DEFAULTS[status] ?? [status >= 500 ? "api_error" : "invalid_request_error", `Anthropic mock error ${status}.`];
  const headers: Record<string, string> =
    status === 429
      ? { "retry-after": "7", "anthropic-ratelimit-requests-limit": "50", "anthropic-ratelimit-requests-remaining": "0", "anthropic-ratelimit-requests-reset": new Date(Date.now() + 7000).toISOString() }
      : {};
  return { status, headers, body: { type: "error", error: { type: type ?? defaultType, message: message ?? defaultMessage }, request_id: requestId } };
}

export function invalidRequest(message: string, requestId: string): AnthropicErrorResponse {
  return anthropicError(400, requestId, "invalid_request_error", message);
}
