// Client schemas in the check: patterns in the linear-time engine keep JSON Schema's meaning
// (match anywhere, each pattern its own), every compile is on its own (no shared $id), and
// oversized schemas are refused before anything recursive sees them.
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { schemaCheck } from "./schema.ts";

describe("patterns", () => {
  const check = schemaCheck(
    {
      type: "object",
      properties: { zip: { type: "string", pattern: "\\d{5}" }, code: { type: "string", pattern: "^[A-Z]{3}$" }, word: { type: "string", pattern: "^\\p{L}+$" } },
      patternProperties: { "^x-": { type: "integer" } },
    },
    false,
  );

  it("match anywhere unless anchored, each pattern its own", () => {
    expect(check({ zip: "NY 10001", code: "ABC", word: "héllo", "x-a": 1 })).toEqual([]);
    expect(check({ zip: "1000", code: "ABCD", word: "a1", "x-a": "1" })).toEqual([
      '/zip must match pattern "\\d{5}"',
      '/code must match pattern "^[A-Z]{3}$"',
      '/word must match pattern "^\\p{L}+$"',
      "/x-a must be integer",
    ]);
  });

  it("a backtracking-only pattern is a 400 naming the schema and the pattern", () => {
    const error = (() => {
      try {
        schemaCheck({ type: "string", pattern: "(\\w+)\\s\\1" }, false);
      } catch (e) {
        return e;
      }
    })() as SwitchyardError;
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error.param).toBe("response_format.json_schema.schema");
    expect(error.message).toContain('pattern "(\\\\w+)\\\\s\\\\1" cannot be used');
  });
});

describe("schemas with an $id", () => {
  it("compile again and again, and two schemas with one $id each keep their own meaning", () => {
    const a = { $id: "https://example.com/a.json", type: "integer" };
    const b = { $id: "https://example.com/a.json", type: "string" };
    for (const strict of [false, true, false]) expect(schemaCheck(a, strict)(1)).toEqual([]);
    expect(schemaCheck(b, false)(1)).toEqual(["/ must be string"]);
    expect(schemaCheck(a, false)(1)).toEqual([]);
  });

  it("$ref resolves inside the schema only", () => {
    expect(schemaCheck({ $defs: { n: { $id: "https://example.com/n.json", type: "number" } }, $ref: "https://example.com/n.json" }, false)("x")).toEqual(["/ must be number"]);
    expect(() => schemaCheck({ $ref: "https://example.com/n.json" }, false)).toThrow(/can't resolve reference/);
  });
});

describe("limits", () => {
  const deep = (levels: number) => {
    let schema: Record<string, unknown> = {};
    for (let i = 0; i < levels; i++) schema = { not: schema };
    return schema;
  };
  it.each([
    ["20,000 levels deep", deep(20_000), /nested more than 64 levels deep/],
    ["65 levels deep", deep(64), /nested more than 64 levels deep/],
    ["10,001 values", { enum: Array.from({ length: 10_000 }, (_, i) => i) }, /more than 10000 values/],
    ["500,001 characters", { description: "x".repeat(499_990), title: "y" }, /more than 500000 characters/],
  ])("%s: a 400 naming the schema", (_name, schema, message) => {
    expect(() => schemaCheck(schema, true)).toThrow(message);
    expect(() => schemaCheck(schema, true)).toThrow(expect.objectContaining({ param: "response_format.json_schema.schema", status: 400 }));
  });
  it("64 levels deep is used: 63 nested `not` reject everything, 62 accept everything", () => {
    expect(schemaCheck(deep(63), true)(1)).toEqual(["/ must NOT be valid"]);
    expect(schemaCheck(deep(62), true)(1)).toEqual([]);
  });
});
