// Every error code Switchyard returns, with its HTTP status and OpenAI error type.
export const errorCodes = {
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_json: { status: 400, type: "invalid_request_error" },
  // OpenAI answers a bad key with type invalid_request_error, code invalid_api_key.
  invalid_api_key: { status: 401, type: "invalid_request_error" },
  not_found: { status: 404, type: "invalid_request_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  payload_too_large: { status: 413, type: "invalid_request_error" },
  internal_error: { status: 500, type: "api_error" },
  service_unavailable: { status: 503, type: "api_error" },
  config_invalid: { status: 500, type: "api_error" },
  migration_failed: { status: 500, type: "api_error" },
  vault_error: { status: 500, type: "api_error" },
} as const satisfies Record<string, { status: number; type: string }>;

export type ErrorCode = keyof typeof errorCodes;
