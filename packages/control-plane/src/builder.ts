// The Pothos schema builder: Prisma-backed object types, scope-based authorization, Relay
// connections and typed error results.
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin, { AuthScopeFailureType, type AuthFailure } from "@pothos/plugin-scope-auth";
import { getDatamodel, type MemberRole, type PothosPrismaTypes } from "@switchyard/db";
import type { Context } from "./graph/context.ts";
import { ForbiddenError, NotFoundError, UnauthenticatedError } from "./graph/errors.ts";
import { atLeast } from "./graph/roles.ts";

export interface OrgScope {
  /** Undefined when the object was not found: the check fails as "not found". */
  organizationId: string | undefined;
  role: MemberRole;
}

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PothosPrismaTypes;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  DefaultNodeNullability: false;
  AuthScopes: { authenticated: boolean; operator: boolean; org: OrgScope };
  Scalars: { DateTime: { Input: Date; Output: Date }; Decimal: { Input: string; Output: string }; JSON: { Input: unknown; Output: unknown } };
}>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, ScopeAuthPlugin, PrismaPlugin, RelayPlugin],
  prisma: { client: (ctx) => ctx.prisma, dmmf: getDatamodel(), filterConnectionTotalCount: true, onUnusedQuery: null, defaultConnectionSize: 20, maxConnectionSize: 100 },
  relay: { clientMutationId: "omit", cursorType: "String", nodesOnConnection: true, edgesFieldOptions: { nullable: { list: false, items: false } }, nodeFieldOptions: { nullable: false } },
  errors: { defaultTypes: [] },
  scopeAuth: {
    // Subscriptions are authorized once, when they start (not on every event).
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: ctx.auth !== null,
      operator: ctx.auth?.isOperator === true,
      org: ({ organizationId, role }) => (organizationId !== undefined && atLeast(ctx.auth?.roles.get(organizationId), role)) || (ctx.auth?.isOperator === true && role === "viewer"),
    }),
    unauthorizedError: (_parent, ctx, _info, result) => explain(ctx, result.failure),
  },
});

// Outsiders learn nothing: an organization the caller does not belong to (or an id that does
// not exist) is "not found"; a member whose role is too weak is told what is needed.
function explain(ctx: Context, failure: AuthFailure): Error {
  if (!ctx.auth) return new UnauthenticatedError();
  const scope = firstOrgScope(failure);
  if (scope) {
    const role = scope.organizationId === undefined ? undefined : ctx.auth.roles.get(scope.organizationId);
    if (role === undefined && !ctx.auth.isOperator) return new NotFoundError();
    return new ForbiddenError(`This needs the ${scope.role} role in the organization${role ? ` (you are ${role})` : ""}.`);
  }
  return new ForbiddenError("This needs the platform-operator role.");
}

function firstOrgScope(failure: AuthFailure): OrgScope | undefined {
  if (failure.kind === AuthScopeFailureType.AuthScope && failure.scope === "org") return failure.parameter as OrgScope;
  if (failure.kind === AuthScopeFailureType.AnyAuthScopes || failure.kind === AuthScopeFailureType.AllAuthScopes) {
    for (const child of failure.failures) {
      const found = firstOrgScope(child);
      if (found) return found;
    }
  }
  return undefined;
}
