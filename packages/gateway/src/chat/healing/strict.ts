// OpenAI's strict structured outputs as JSON Schema: in every object schema, all properties are
// required and no others are allowed (filled in where the schema leaves `required` or
// `additionalProperties` unset). A copy; the schema given is not changed.
type Schema = Record<string, unknown>;

const SUBSCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] as const;
const SUBSCHEMA_LISTS = ["anyOf", "oneOf", "allOf", "prefixItems"] as const;
const SUBSCHEMAS = ["items", "additionalItems", "additionalProperties", "not", "if", "then", "else", "contains", "unevaluatedItems", "unevaluatedProperties", "propertyNames"] as const;

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isObjectSchema(schema: Schema): boolean {
  const type = schema.type;
  return type === "object" || (Array.isArray(type) && type.includes("object")) || (type === undefined && isSchema(schema.properties));
}

export function strictSchema(schema: Schema): Schema {
  const out: Schema = { ...schema };
  for (const key of SUBSCHEMA_MAPS) {
    const map = out[key];
    if (isSchema(map)) out[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, isSchema(sub) ? strictSchema(sub) : sub]));
  }
  for (const key of SUBSCHEMA_LISTS) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map((sub: unknown) => (isSchema(sub) ? strictSchema(sub) : sub));
  }
  for (const key of SUBSCHEMAS) {
    const sub = out[key];
    if (isSchema(sub)) out[key] = strictSchema(sub);
    else if (key === "items" && Array.isArray(sub)) out[key] = sub.map((s: unknown) => (isSchema(s) ? strictSchema(s) : s));
  }
  if (isObjectSchema(out)) {
    const properties = isSchema(out.properties) ? Object.keys(out.properties) : [];
    if (out.additionalProperties === undefined) out.additionalProperties = false;
    if (properties.length > 0) {
      const required = Array.isArray(out.required) ? (out.required as unknown[]) : [];
      out.required = [...new Set([...required, ...properties])];
    }
  }
  return out;
}
