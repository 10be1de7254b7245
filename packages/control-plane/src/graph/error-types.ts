// The typed error results of mutations: `... on Error { message code }` works for all of them.
import { builder } from "../builder.ts";
import { ConflictError, ForbiddenError, InputError, NotFoundError, RateLimitedError, UnauthenticatedError, UserError } from "./errors.ts";

export const ErrorInterface = builder.interfaceRef<UserError>("Error").implement({
  fields: (t) => ({
    message: t.exposeString("message"),
    code: t.exposeString("code", { description: "NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, BAD_INPUT, CONFLICT, RATE_LIMITED, KEY_REJECTED" }),
  }),
});

builder.objectType(NotFoundError, { name: "NotFoundError", interfaces: [ErrorInterface], isTypeOf: (e) => e instanceof NotFoundError });
builder.objectType(UnauthenticatedError, { name: "UnauthenticatedError", interfaces: [ErrorInterface], isTypeOf: (e) => e instanceof UnauthenticatedError });
builder.objectType(ForbiddenError, { name: "ForbiddenError", interfaces: [ErrorInterface], isTypeOf: (e) => e instanceof ForbiddenError });
builder.objectType(ConflictError, { name: "ConflictError", interfaces: [ErrorInterface], isTypeOf: (e) => e instanceof ConflictError });
builder.objectType(InputError, {
  name: "InputError",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof InputError,
  fields: (t) => ({ field: t.string({ description: "The input field at fault.", resolve: (e) => e.field ?? "" }) }),
});
builder.objectType(RateLimitedError, {
  name: "RateLimitedError",
  interfaces: [ErrorInterface],
  isTypeOf: (e) => e instanceof RateLimitedError,
  fields: (t) => ({ retryAfterSeconds: t.exposeInt("retryAfterSeconds") }),
});

/** Every mutation can fail these ways. */
export const COMMON_ERRORS = [UnauthenticatedError, NotFoundError, ForbiddenError, InputError, ConflictError];
