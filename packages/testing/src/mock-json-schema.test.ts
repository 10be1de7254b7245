import { describe, expect, it } from "vitest";
import { sampleFromSchema } from "./mock-json-schema.ts";

describe("sampleFromSchema", () => {
  it("fills required properties with type-appropriate values", () => {
    expect(
      sampleFromSchema({
        type: "object",
        properties: {
          s: { type: "string", minLength: 6 },
          n: { type: "number", minimum: 1.5 },
          i: { type: "integer", exclusiveMinimum: 3 },
          b: { type: "boolean" },
          e: { enum: ["x", "y"] },
          c: { const: 42 },
          nullable: { type: ["null", "string"] },
          when: { type: "string", format: "date-time" },
          list: { type: "array", items: { type: "integer" }, minItems: 2 },
          skipped: { type: "string" },
        },
        required: ["s", "n", "i", "b", "e", "c", "nullable", "when", "list"],
      }),
    ).toEqual({ s: "mockxx", n: 1.5, i: 4, b: true, e: "x", c: 42, nullable: "mock", when: "2024-01-01T00:00:00Z", list: [0, 0] });
  });

  it("follows local $refs and anyOf, and stops on recursion", () => {
    const schema = {
      type: "object",
      $defs: { node: { type: "object", properties: { child: { $ref: "#/$defs/node" } }, required: ["child"] } },
      properties: { root: { $ref: "#/$defs/node" }, either: { anyOf: [{ type: "null" }, { type: "integer" }] } },
      required: ["root", "either"],
    };
    const value = sampleFromSchema(schema) as { root: unknown; either: unknown };
    expect(value.either).toBe(0);
    expect(JSON.stringify(value.root)).toMatch(/^\{"child":\{"child":/);
    expect(sampleFromSchema(undefined)).toEqual({});
  });
});
