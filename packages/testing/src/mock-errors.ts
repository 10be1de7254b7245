// OpenAI's real error bodies and headers, byte for byte where it matters to clients.

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface ErrorResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function openAiError(message: string, type: string, param: string | null = null, code: string | null = null): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

/** "sk-...abcd": OpenAI shows the key's first three and last four characters. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 3)}...${key.slice(-4)}` : "...";
}

export function invalidKeyBody(key: string): OpenAiErrorBody {
  return openAiError(
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    "invalid_request_error",
    null,
    "invalid_api_key",
  );
}

export function missingKeyBody(): OpenAiErrorBody {
  return openAiError(
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (i.e. YOUR_KEY), when using HTTP basic auth. You can obtain an API key from https://platform.openai.com/account/api-keys.",
    "invalid_request_error",
  );
}

export function invalidJsonBody(): OpenAiErrorBody {
  return openAiError(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    "invalid_request_error",
  );
}

export function missingParamBody(param: string): OpenAiErrorBody {
  return openAiError(`Missing required parameter: '${param}'.`, "invalid_request_error", param, "missing_required_parameter");
}

export function invalidParamBody(param: string, message: string): OpenAiErrorBody {
  return openAiError(message, "invalid_request_error", param, null);
}

export function invalidUrlBody(method: string, path: string): OpenAiErrorBody {
  return openAiError(`Invalid URL (${method} ${path})`, "invalid_request_error");
}

export function rateLimitHeaders(): Record<string, string> {
  return {
    "retry-after": "1",
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-limit-tokens": "200000",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-remaining-tokens": "199985",
    "x-ratelimit-reset-requests": "120ms",
    "x-ratelimit-reset-tokens": "4ms",
  };
}

/** The default error response for a status, as OpenAI sends it. `key` is the caller's key (masked in 401s). */
export function defaultError(status: number, model: string, key: string): ErrorResponse {
  switch (status) {
    case 400:
      return { status, headers: {}, body: openAiError("Invalid request (mock upstream).", "invalid_request_error") };
    case 401:
      return { status, headers: {}, body: key ? invalidKeyBody(key) : missingKeyBody() };
    case 403:
      return {
        status,
        headers: {},
        body: openAiError("Project does not have access to this model (mock upstream).", "invalid_request_error", null, "model_not_found"),
      };
    case 404:
      return {
        status,
        headers: {},
        body: openAiError(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          "invalid_request_error",
          null,
          "model_not_found",
        ),
      };
    case 429:
      return {
        status,
        headers: rateLimitHeaders(),
        body: openAiError(
          `Rate limit reached for ${model} in organization org-mock on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          "requests",
          null,
          "rate_limit_exceeded",
        ),
      };
    case 500:
      return {
        status,
        headers: {},
        body: openAiError("The server had an error while processing your request. Sorry about that!", "server_error"),
      };
    case 503:
      return { status, headers: {}, body: openAiError("The server is overloaded or not ready yet.", "server_error") };
    default:
      return {
        status,
        headers: {},
        body: openAiError(`Mock upstream error ${status}.`, status >= 500 ? "server_error" : "invalid_request_error"),
      };
  }
}
