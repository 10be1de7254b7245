// Scalars: DateTime (ISO 8601), Decimal (exact money as a string), JSON.
import { GraphQLError, Kind } from "graphql";
import { builder } from "../builder.ts";

builder.scalarType("DateTime", {
  description: "An ISO 8601 timestamp in UTC.",
  serialize: (value) => (value as Date).toISOString(),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType("Decimal", {
  description: "An exact decimal number as a string, e.g. \"12.3400000000\" (USD amounts are never floats).",
  serialize: (value) => String(value),
  parseValue: (value) => parseDecimal(value),
  parseLiteral: (ast) => parseDecimal(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

builder.scalarType("JSON", {
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
});

function parseDate(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError("DateTime must be an ISO 8601 string, e.g. 2026-11-23T00:00:00Z.");
  return date;
}

function parseDecimal(value: unknown): string {
  if (typeof value === "string" && /^-?\d{1,10}(\.\d{1,10})?$/.test(value)) return value;
  throw new GraphQLError("Decimal must be a string like \"12.50\" (up to 10 digits before and after the point).");
}
