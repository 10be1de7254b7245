// A key the provider refused during validation: a typed result the UI can explain.
import { builder } from "../builder.ts";
import { ErrorInterface } from "../graph/error-types.ts";
import { UserError } from "../graph/errors.ts";
import type { KeyRejection } from "@switchyard/key-check";

export class KeyRejectedError extends UserError {
  constructor(
    message: string,
    readonly reason: KeyRejection,
    readonly upstreamStatus: number | null,
  ) {
    super(message, "KEY_REJECTED");
  }
}

const KeyRejectionEnum = builder.enumType("KeyRejection", {
  values: {
    INVALID_KEY: { value: "invalid_key", description: "The provider does not accept the key (401)." },
    FORBIDDEN: { value: "forbidden", description: "The key is valid but lacks access (403)." },
    RATE_LIMITED: { value: "rate_limited", description: "The provider is rate limiting the key (429): try again shortly." },
    NETWORK_ERROR: { value: "network_error", description: "The provider could not be reached (connection error or timeout)." },
    BASE_URL_NOT_FOUND: { value: "base_url_not_found", description: "404: check the base URL (the root only, without /v1, /v1beta or /v2)." },
    UPSTREAM_ERROR: { value: "upstream_error", description: "The provider failed the check for another reason." },
    UNSUPPORTED_PROVIDER: { value: "unsupported_provider", description: "Keys of this provider cannot be validated (yet)." },
  } as const,
});

builder.objectType(KeyRejectedError, {
  name: "KeyRejectedError",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof KeyRejectedError,
  fields: (t) => ({
    reason: t.field({ type: KeyRejectionEnum, resolve: (e) => e.reason }),
    upstreamStatus: t.exposeInt("upstreamStatus", { nullable: true }),
  }),
});
