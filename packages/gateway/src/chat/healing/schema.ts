// The check a healed answer must pass: for `json_object`, a JSON object; for `json_schema`, its
// schema, validated by Ajv (draft 2020-12 when the schema's $schema names it, 2019-09 likewise,
// draft-07 otherwise; formats from ajv-formats; every error reported, not only the first).
//
// `strict: true` is read as OpenAI's structured outputs define it: every object's properties are
// all required and no other properties are allowed. OpenAI refuses a strict schema that does not
// say so itself; other providers do not, so a strict schema is checked with both rules filled in
// wherever the schema leaves them unset (an explicit `additionalProperties` is kept). Without
// strict, the schema means what JSON Schema says (extra properties allowed unless forbidden, only
// the listed properties required). Compiled checks are kept (by schema and strictness).
import { SwitchyardError } from "@switchyard/core";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { LRUCache } from "lru-cache";
import { strictSchema } from "./strict.ts";

/** Errors of a value: empty when it passes. */
export type JsonCheck = (value: unknown) => string[];

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const options = { allErrors: true, strict: false, logger: false } as const;
let validators: { draft07: Ajv; draft2019: Ajv; draft2020: Ajv } | undefined;
const compiled = new LRUCache<string, ValidateFunction>({ max: 256 });

function ajvFor(schema: Record<string, unknown>): Ajv {
  validators ??= {
    draft07: addFormats(new Ajv(options)),
    draft2019: addFormats(new Ajv2019(options) as unknown as Ajv),
    draft2020: addFormats(new Ajv2020(options) as unknown as Ajv),
  };
  const dialect = typeof schema.$schema === "string" ? schema.$schema : "";
  if (dialect.includes("2020-12")) return validators.draft2020;
  if (dialect.includes("2019-09")) return validators.draft2019;
  return validators.draft07;
}

export function objectCheck(value: unknown): string[] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? [] : [`/ must be a JSON object (response_format json_object), not ${Array.isArray(value) ? "an array" : value === null ? "null" : `a ${typeof value}`}`];
}

export function schemaCheck(schema: Record<string, unknown>, strict: boolean): JsonCheck {
  const cacheKey = `${strict ? "s" : "-"}${JSON.stringify(schema)}`;
  let validate = compiled.get(cacheKey);
  if (validate === undefined) {
    const effective = strict ? strictSchema(schema) : schema;
    try {
      validate = ajvFor(effective).compile(effective);
    } catch (error) {
      throw new SwitchyardError("invalid_request", `Invalid parameter response_format.json_schema.schema: response healing cannot use it as a JSON Schema (${(error as Error).message}).`, {
        param: "response_format.json_schema.schema",
      });
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
