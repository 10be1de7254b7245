// The Responses API's 400 bodies: {error: {message, type: "invalid_request_error", param, code}}.

type Json = Record<string, unknown>;

export class RequestError extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export const missing = (param: string) => new RequestError(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
export const invalidValue = (param: string, value: unknown, allowed: readonly string[]) =>
  new RequestError(`Invalid value: '${String(value)}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(", ")}.`, param, "invalid_value");
export const invalidType = (param: string, expected: string) => new RequestError(`Invalid type for '${param}': expected ${expected}.`, param, "invalid_type");

export function errorBody(error: RequestError): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message: error.message, type: "invalid_request_error", param: error.param, code: error.code } };
}
