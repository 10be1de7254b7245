import { lexicographicSortSchema, printSchema } from "graphql";
import { builder } from "./builder.ts";
import "./graph/scalars.ts";
import "./graph/error-types.ts";
import "./graph/user.ts";
import "./auth/schema.ts";
import "./auth/access-tokens.ts";
import "./organizations/schema.ts";
import "./organizations/members.ts";
import "./projects/schema.ts";
import "./projects/api-keys.ts";
import "./provider-keys/types.ts";
import "./provider-keys/errors.ts";
import "./provider-keys/providers.ts";
import "./provider-keys/mutations.ts";
import "./provider-keys/lifecycle.ts";
import "./custom-providers/schema.ts";
import "./credits/schema.ts";
import "./credits/mutations.ts";
import "./catalog/schema.ts";
import "./catalog/overrides.ts";
import "./audit-log/schema.ts";
import "./usage/schema.ts";
import "./usage/request-log.ts";
import "./usage/subscription.ts";

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
