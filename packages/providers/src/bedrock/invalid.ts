// A request Bedrock cannot honour, found while translating it: a 400 that names the parameter.
import type { UpstreamFailure } from "../types.ts";

export class InvalidParam extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "InvalidParam";
  }

  toFailure(): UpstreamFailure {
    return { ok: false, kind: "client", status: 400, message: this.message, code: "unsupported_parameter", param: this.param, retryAfter: null };
  }
}
