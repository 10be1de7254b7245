// Google's error bodies as the Gemini API sends them: {"error": {code, message, status, details?}}.
// Messages are the API's own (https://ai.google.dev/gemini-api/docs/troubleshooting).

export interface GoogleErrorResponse {
  status: number;
  body: { error: { code: number; message: string; status: string; details?: unknown[] } };
  headers: Record<string, string>;
}

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

const MESSAGE: Record<number, string> = {
  400: "Request contains an invalid argument.",
  403: "The caller does not have permission",
  404: "Requested entity was not found.",
  429: "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.",
  500: "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
  503: "The model is overloaded. Please try again later.",
  504: "The request timed out. Please try again.",
};

export function googleError(status: number, message?: string, details?: unknown[]): GoogleErrorResponse {
  const error = { code: status, message: message ?? MESSAGE[status] ?? `HTTP ${status}`, status: STATUS[status] ?? "UNKNOWN", ...(details ? { details } : {}) };
  return { status, body: { error }, headers: {} };
}

/** A known status with Google's body; 429 carries RetryInfo (and the quota that was hit). */
export function defaultError(status: number, model: string): GoogleErrorResponse {
  if (status !== 429) return googleError(status);
  return googleError(429, undefined, [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [{ quotaMetric: "generativelanguage.googleapis.com/generate_content_paid_tier_input_token_count", quotaId: "GenerateContentPaidTierInputTokensPerModelPerMinute", quotaDimensions: { location: "global", model }, quotaValue: "1000000" }],
    },
    { "@type": "type.googleapis.com/google.rpc.Help", links: [{ description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" }] },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "13s" },
  ]);
}

export function invalidKey(): GoogleErrorResponse {
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, message, [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "generativelanguage.googleapis.com" } },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

export function missingKey(): GoogleErrorResponse {
  return googleError(
    403,
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

export function modelNotFound(model: string, method: string): GoogleErrorResponse {
  return googleError(404, `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`);
}
