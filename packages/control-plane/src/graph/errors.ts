// Errors a caller can act on, returned as typed results by mutations (@pothos/plugin-errors)
// and as GraphQL errors with a `code` extension elsewhere. Anything else is masked by yoga.
import { GraphQLError } from "graphql";

export class UserError extends GraphQLError {
  constructor(
    message: string,
    readonly code: string,
    readonly field: string | null = null,
  ) {
    super(message, { extensions: { code, ...(field ? { field } : {}) } });
  }
}

/** The object does not exist, or the caller may not know that it does. */
export class NotFoundError extends UserError {
  constructor(what = "object") {
    super(`No such ${what}.`, "NOT_FOUND");
  }
}

export class UnauthenticatedError extends UserError {
  constructor() {
    super("Sign in first: send a session cookie or `Authorization: Bearer <access token>`.", "UNAUTHENTICATED");
  }
}

/** The caller can see the object but their role does not allow this. */
export class ForbiddenError extends UserError {
  constructor(message: string) {
    super(message, "FORBIDDEN");
  }
}

/** Bad input: names the field. */
export class InputError extends UserError {
  constructor(field: string, message: string) {
    super(message, "BAD_INPUT", field);
  }
}

/** The change conflicts with the current state (a duplicate, the last owner, …). */
export class ConflictError extends UserError {
  constructor(message: string) {
    super(message, "CONFLICT");
  }
}

export class RateLimitedError extends UserError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, "RATE_LIMITED");
  }
}
