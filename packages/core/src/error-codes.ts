// Every error code Switchyard returns, with its HTTP status and OpenAI error type.
export const errorCodes = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_json: { status: 400, type: "invalid_request_error" },
  // OpenAI answers a bad key with type invalid_request_error, code invalid_api_key.
  invalid_api_key: { status: 401, type: "invalid_request_error" },
  unsupported_parameter: { status: 400, type: "invalid_request_error" },
  unknown_provider: { status: 400, type: "invalid_request_error" },
  provider_key_required: { status: 400, type: "invalid_request_error" },
  upstream_url_refused: { status: 400, type: "invalid_request_error" },
  /** A `provider/model` pin naming a model the provider does not offer. */
  model_not_offered: { status: 400, type: "invalid_request_error" },
  /** A model of another kind than the endpoint serves (an embedding model sent to chat completions…). */
  wrong_model_kind: { status: 400, type: "invalid_request_error" },
  /** A provider that does not offer the endpoint (no embeddings at Groq…). */
  endpoint_not_supported: { status: 400, type: "invalid_request_error" },
  insufficient_credits: { status: 402, type: "insufficient_quota" },
  /** The organization's own provider key was rejected by the provider. */
  provider_key_rejected: { status: 403, type: "permission_error" },
  not_found: { status: 404, type: "invalid_request_error" },
  model_not_found: { status: 404, type: "invalid_request_error" },
  rate_limited: { status: 429, type: "rate_limit_error" },
  upstream_error: { status: 502, type: "api_error" },
  upstream_timeout: { status: 504, type: "api_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  payload_too_large: { status: 413, type: "invalid_request_error" },
  internal_error: { status: 500, type: "api_error" },
  service_unavailable: { status: 503, type: "api_error" },
  config_invalid: { status: 500, type: "api_error" },
  migration_failed: { status: 500, type: "api_error" },
  vault_error: { status: 500, type: "api_error" },
} as const satisfies Record<string, { status: number; type: string }>;

export type ErrorCode = keyof typeof errorCodes;
