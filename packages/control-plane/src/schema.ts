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

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
