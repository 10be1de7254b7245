import { lexicographicSortSchema, printSchema } from "graphql";
import { builder } from "./builder.ts";
import "./viewer.ts";

export const schema = builder.toSchema();

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
