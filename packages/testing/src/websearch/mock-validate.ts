// Request validation for the search mocks, as the real APIs do it: unknown fields, wrong types,
// out-of-range numbers and values outside an enum are refused. A route calls `check(...)` with
// the rules of its provider; the first problem throws MockInvalidRequest, which the server
// answers with a 400 in that provider's own error body.
import type { JsonObject } from "./mock-format.ts";

export class MockInvalidRequest extends Error {}

/** One rule over a request's fields: a problem's message, or undefined when the request is fine. */
export type Rule = (fields: JsonObject) => string | undefined;

export function check(fields: JsonObject, rules: readonly Rule[]): void {
  for (const rule of rules) {
    const problem = rule(fields);
    if (problem !== undefined) throw new MockInvalidRequest(problem);
  }
}

const present = (fields: JsonObject, name: string): boolean => fields[name] !== undefined && fields[name] !== null;

export const known =
  (allowed: readonly string[]): Rule =>
  (fields) => {
    const unknown = Object.keys(fields).find((name) => !allowed.includes(name));
    return unknown === undefined ? undefined : `Unknown field "${unknown}"`;
  };

export const requiredText =
  (name: string): Rule =>
  (fields) =>
    typeof fields[name] === "string" && (fields[name] as string).trim() !== "" ? undefined : `"${name}" is required and must be a non-empty string`;

export const integerIn =
  (name: string, min: number, max = Number.MAX_SAFE_INTEGER): Rule =>
  (fields) => {
    if (!present(fields, name)) return undefined;
    const value = fields[name];
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max ? undefined : `"${name}" must be an integer from ${min} to ${max}`;
  };

export const oneOf =
  (name: string, values: readonly string[]): Rule =>
  (fields) =>
    !present(fields, name) || values.includes(fields[name] as string) ? undefined : `"${name}" must be one of ${values.join(", ")}`;

export const ofType =
  (name: string, type: "boolean" | "string" | "object"): Rule =>
  (fields) => {
    if (!present(fields, name)) return undefined;
    const value = fields[name];
    const ok = type === "object" ? typeof value === "object" && !Array.isArray(value) : typeof value === type;
    return ok ? undefined : `"${name}" must be a ${type}`;
  };

export const stringList =
  (name: string, maxItems = Number.MAX_SAFE_INTEGER): Rule =>
  (fields) => {
    if (!present(fields, name)) return undefined;
    const value = fields[name];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return `"${name}" must be an array of strings`;
    return value.length <= maxItems ? undefined : `"${name}" must have at most ${maxItems} items`;
  };

/** The query parameters of a GET request as fields: the `numeric` ones as numbers where their text is an integer, the others (a query `q=2024`) as text. */
export function queryFields(query: URLSearchParams, numeric: readonly string[]): JsonObject {
  return Object.fromEntries([...query].map(([name, value]) => [name, numeric.includes(name) && /^-?\d+$/.test(value) ? Number(value) : value]));
}
