// How big a client's JSON Schema may be for response healing, checked by an iterative walk before
// anything recursive (JSON.stringify, strictSchema, Ajv's compiler) touches it: a schema nested
// thousands of levels deep would otherwise overflow the stack (a 500), and a huge one would keep
// the event loop compiling (Ajv takes the better part of a second for ~10,000 values on a small
// machine; compiled checks are cached, so that is once per distinct schema). Well above typical
// structured-output schemas; beyond them, a 400 naming the parameter.
import { SwitchyardError } from "@switchyard/core";

export const SCHEMA_PARAM = "response_format.json_schema.schema";
export const SCHEMA_LIMITS = { depth: 64, values: 10_000, characters: 500_000 } as const;

/** Throws a 400 when the schema is nested deeper, holds more values (objects, arrays, strings, numbers, …) or more characters (keys and strings) than SCHEMA_LIMITS. */
export function checkSchemaSize(schema: unknown): void {
  const stack: Array<[value: unknown, depth: number]> = [[schema, 1]];
  let values = 0;
  let characters = 0;
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (++values > SCHEMA_LIMITS.values) refuse(`holds more than ${SCHEMA_LIMITS.values} values`);
    if (typeof value === "string") characters += value.length;
    else if (typeof value === "object" && value !== null) {
      if (depth > SCHEMA_LIMITS.depth) refuse(`is nested more than ${SCHEMA_LIMITS.depth} levels deep`);
      if (Array.isArray(value)) for (const item of value) stack.push([item, depth + 1]);
      else
        for (const [key, item] of Object.entries(value)) {
          characters += key.length;
          stack.push([item, depth + 1]);
        }
      if (values + stack.length > SCHEMA_LIMITS.values) refuse(`holds more than ${SCHEMA_LIMITS.values} values`);
    }
    if (characters > SCHEMA_LIMITS.characters) refuse(`holds more than ${SCHEMA_LIMITS.characters} characters of keys and strings`);
  }
}

function refuse(what: string): never {
  throw new SwitchyardError("invalid_request", `Invalid parameter ${SCHEMA_PARAM}: response healing takes schemas that are at most ${SCHEMA_LIMITS.depth} levels deep, with at most ${SCHEMA_LIMITS.values} values and ${SCHEMA_LIMITS.characters} characters; this one ${what}.`, {
    param: SCHEMA_PARAM,
  });
}
