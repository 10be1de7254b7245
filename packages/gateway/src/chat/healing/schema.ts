// The check a healed answer must pass: for `json_object`, a JSON object; for `json_schema`, its
// schema, validated by Ajv (draft 2020-12 when the schema's $schema names it, 2019-09 likewise,
// draft-07 otherwise; formats from ajv-formats; every error reported, not only the first).
//
// `strict: true` is read as OpenAI's structured outputs define it: every object's properties are
// all required and no other properties are allowed. OpenAI refuses a strict schema that does not
// say so itself; other providers do not, so a strict schema is checked with both rules filled in
// wherever the schema leaves them unset (an explicit `additionalProperties` is kept). Without
// strict, the schema means what JSON Schema says (extra properties allowed unless forbidden, only
// the listed properties required).
//
// Schemas come from clients, so: their size and depth are bounded first (limits.ts); their
// patterns run in a linear-time engine (regex.ts); and each schema is compiled by an Ajv instance
// of its own that registers nothing (`addUsedSchema: false`), so a `$id` is never shared between
// requests, tenants or cache entries (no "already exists", no `$ref` into another tenant's schema)
// and an evicted check frees its Ajv. Schemas are checked against their dialect's meta-schema by one
// shared Ajv per dialect (validateSchema keeps nothing of the schema). Compiled checks are kept
// by schema and strictness, bounded in count and in schema text.
import { SwitchyardError } from "@switchyard/core";
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { LRUCache } from "lru-cache";
import { checkSchemaSize, SCHEMA_PARAM } from "./limits.ts";
import { linearRegExp } from "./regex.ts";
import { strictSchema } from "./strict.ts";

/** Errors of a value: empty when it passes. */
export type JsonCheck = (value: unknown) => string[];

type Dialect = "draft07" | "draft2019" | "draft2020";
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const options: Options = { allErrors: true, strict: false, logger: false, addUsedSchema: false, code: { regExp: linearRegExp } };
const DIALECTS: Record<Dialect, new (options: Options) => Ajv> = {
  draft07: Ajv,
  draft2019: Ajv2019 as unknown as new (options: Options) => Ajv,
  draft2020: Ajv2020 as unknown as new (options: Options) => Ajv,
};
const metaCheckers = new Map<Dialect, Ajv>();
const compiled = new LRUCache<string, ValidateFunction>({ max: 256, maxSize: 8_000_000, sizeCalculation: (_value, key) => Math.max(1, key.length) });

function dialectOf(schema: Record<string, unknown>): Dialect {
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  if (dialect.includes("2020-12")) return "draft2020";
  if (dialect.includes("2019-09")) return "draft2019";
  return "draft07";
}

function metaChecker(dialect: Dialect): Ajv {
  let ajv = metaCheckers.get(dialect);
  if (ajv === undefined) {
    ajv = addFormats(new DIALECTS[dialect](options));
    metaCheckers.set(dialect, ajv);
  }
  return ajv;
}

function compile(schema: Record<string, unknown>): ValidateFunction {
  const dialect = dialectOf(schema);
  const meta = metaChecker(dialect);
  if (!meta.validateSchema(schema)) throw new Error(meta.errorsText(meta.errors, { dataVar: "schema" }));
  return addFormats(new DIALECTS[dialect]({ ...options, validateSchema: false })).compile(schema);
}

export function objectCheck(value: unknown): string[] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? [] : [`/ must be a JSON object (response_format json_object), not ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}`];
}

export function schemaCheck(schema: Record<string, unknown>, strict: boolean): JsonCheck {
  checkSchemaSize(schema);
  const cacheKey = `${strict ? "s" : "-"}${JSON.stringify(schema)}`;
  let validate = compiled.get(cacheKey);
  if (validate === undefined) {
    try {
      validate = compile(strict ? strictSchema(schema) : schema);
    } catch (error) {
      throw new SwitchyardError("invalid_request", `Invalid parameter ${SCHEMA_PARAM}: response healing cannot use it as a JSON Schema (${(error as Error).message}).`, { param: SCHEMA_PARAM });
    }
    compiled.set(cacheKey, validate);
  }
  const check = validate;
  return (value) => (check(value) ? [] : (check.errors ?? []).map(describe));
}

function describe(error: ErrorObject): string {
  const at = error.instancePath || "/";
  const extra = error.keyword === "additionalProperties" ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : "";
  return `${at} ${error.message ?? "is invalid"}${extra}`;
}
