// The one error type of Switchyard: a stable code, an HTTP status and OpenAI's error envelope.
import { type ErrorCode, errorCodes } from "./error-codes.ts";

export interface ErrorEnvelope {
  error: { message: string; type: string; code: string; param: string | null };
}

export class SwitchyardError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  /** Extra response headers, e.g. retry-after. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { param?: string; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "SwitchyardError";
    this.code = code;
    this.status = errorCodes[code].status;
    this.type = errorCodes[code].type;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param } };
  }
}

/** Any thrown value as a SwitchyardError; unknown failures become a generic 500 without details. */
export function toSwitchyardError(error: unknown): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  return new SwitchyardError("internal_error", "The server had an error while processing your request.", { cause: error });
}
