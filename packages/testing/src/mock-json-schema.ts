// A minimal value satisfying a JSON schema: required properties only, minimal arrays, first
// enum/const/anyOf branch, local $refs. Enough for response_format json_schema and tool arguments.

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;

function isObject(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolveRef(ref: string, root: Schema): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    if (!isObject(node)) return undefined;
    node = node[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return isObject(node) ? node : undefined;
}

function sampleString(schema: Schema): string {
  switch (schema.format) {
    case "date-time":
      return "2024-01-01T00:00:00Z";
    case "date":
      return "2024-01-01";
    case "email":
      return "mock@example.com";
    case "uri":
    case "url":
      return "https://example.com";
    case "uuid":
      return "00000000-0000-4000-8000-000000000000";
  }
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const base = "mock";
  return base.length >= min ? base : base.padEnd(min, "x");
}

function sampleNumber(schema: Schema, integer: boolean): number {
  let value = 0;
  if (typeof schema.minimum === "number") value = Math.max(value, schema.minimum);
  if (typeof schema.exclusiveMinimum === "number") value = Math.max(value, schema.exclusiveMinimum + (integer ? 1 : 0.5));
  if (typeof schema.maximum === "number") value = Math.min(value, schema.maximum);
  return integer ? Math.ceil(value) : value;
}

function pickType(type: unknown): string | undefined {
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const nonNull = type.find((t) => t !== "null");
    return typeof nonNull === "string" ? nonNull : "null";
  }
  return undefined;
}

function sample(schema: Schema, root: Schema, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === "string") {
    const target = resolveRef(schema.$ref, root);
    return target ? sample(target, root, depth + 1) : null;
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0] ?? null;
  if ("default" in schema) return schema.default;
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const branches = schema[key];
    if (Array.isArray(branches)) {
      const first = branches.find((b) => isObject(b) && b.type !== "null") ?? branches[0];
      if (isObject(first)) return sample(first, root, depth + 1);
    }
  }
  const type = pickType(schema.type) ?? (isObject(schema.properties) ? "object" : isObject(schema.items) ? "array" : undefined);
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      for (const name of required) {
        if (typeof name !== "string") continue;
        const property = properties[name];
        out[name] = isObject(property) ? sample(property, root, depth + 1) : "mock";
      }
      return out;
    }
    case "array": {
      const count = typeof schema.minItems === "number" ? schema.minItems : 0;
      const items = isObject(schema.items) ? schema.items : {};
      return Array.from({ length: count }, () => sample(items, root, depth + 1));
    }
    case "string":
      return sampleString(schema);
    case "integer":
      return sampleNumber(schema, true);
    case "number":
      return sampleNumber(schema, false);
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return {};
  }
}

/** A minimal value valid against `schema` (anything that is not an object schema yields {}). */
export function sampleFromSchema(schema: unknown): unknown {
  return isObject(schema) ? sample(schema, schema, 0) : {};
}
