// Response healing on a table of broken answers, with the exact result of each.
import { describe, expect, it } from "vitest";
import { healJson } from "./repair.ts";
import { objectCheck, schemaCheck } from "./schema.ts";

const person = {
  type: "object",
  properties: { name: { type: "string" }, age: { type: "integer" }, tags: { type: "array", items: { type: "string" } } },
  required: ["name", "age"],
};
const strictPerson = schemaCheck({ type: "object", properties: { name: { type: "string" }, age: { type: "integer" } } }, true);
const loosePerson = schemaCheck(person, false);

type Row = [name: string, text: string, check: "object" | "person" | "strict", expected: { status: string; content?: string; errors?: string[] }];

const rows: Row[] = [
  ["already valid", '{"name":"Ada","age":36}', "person", { status: "valid", errors: [] }],
  ["valid with whitespace", ' {\n  "a": 1\n}\n', "object", { status: "valid", errors: [] }],
  ["fenced ```json", '```json\n{"name": "Ada", "age": 36}\n```', "person", { status: "repaired", content: '{"name":"Ada","age":36}', errors: [] }],
  ["fenced without a language", '```\n{"a": [1, 2]}\n```', "object", { status: "repaired", content: '{"a":[1,2]}', errors: [] }],
  ["prose before", 'Here is the JSON you asked for:\n{"name": "Ada", "age": 36}', "person", { status: "repaired", content: '{"name":"Ada","age":36}', errors: [] }],
  ["prose before and after", 'Sure! {"a": 1} Hope this helps.', "object", { status: "repaired", content: '{"a":1}', errors: [] }],
  ["fence with prose after", '```json\n{"a": 1}\n```\nLet me know!', "object", { status: "repaired", content: '{"a":1}', errors: [] }],
  ["trailing comma", '{"name": "Ada", "age": 36,}', "person", { status: "repaired", content: '{"name":"Ada","age":36}', errors: [] }],
  ["trailing comma in an array", '{"a": [1, 2, 3,]}', "object", { status: "repaired", content: '{"a":[1,2,3]}', errors: [] }],
  ["truncated object", '{"name": "Ada", "age": 36, "tags": ["math", "eng', "person", { status: "repaired", content: '{"name":"Ada","age":36,"tags":["math","eng"]}', errors: [] }],
  ["truncated after a key", '{"a": 1, "b":', "object", { status: "repaired", content: '{"a":1,"b":null}', errors: [] }],
  ["single quotes", "{'name': 'Ada', 'age': 36}", "person", { status: "repaired", content: '{"name":"Ada","age":36}', errors: [] }],
  ["unquoted keys and Python constants", "{a: True, b: None}", "object", { status: "repaired", content: '{"a":true,"b":null}', errors: [] }],
  ["schema: missing required", '{"name": "Ada"}', "person", { status: "failed", errors: ["/ must have required property 'age'"] }],
  ["schema: wrong type", '{"name": "Ada", "age": "36"}', "person", { status: "failed", errors: ["/age must be integer"] }],
  ["schema: every error listed", '{"name": 7, "tags": [1]}', "person", { status: "failed", errors: ["/ must have required property 'age'", "/name must be string", "/tags/0 must be string"] }],
  ["schema: extra property allowed without strict", '{"name": "Ada", "age": 36, "x": 1}', "person", { status: "valid", errors: [] }],
  ["strict: additional property", '{"name": "Ada", "age": 36, "x": 1}', "strict", { status: "failed", errors: ["/ must NOT have additional properties (x)"] }],
  ["strict: every property required", '{"name": "Ada"}', "strict", { status: "failed", errors: ["/ must have required property 'age'"] }],
  ["repaired but still violating the schema", "{'name': 'Ada',}", "person", { status: "failed", errors: ["after repair: / must have required property 'age'"] }],
  ["json_object: an array is not an object", "[1, 2]", "object", { status: "failed", errors: ["/ must be a JSON object (response_format json_object), not an array"] }],
  ["plain prose", "I cannot help with that.", "object", { status: "failed", errors: ["after repair: / must be a JSON object (response_format json_object), not a string"] }],
];

const checks = { object: objectCheck, person: loosePerson, strict: strictPerson };

describe("healJson", () => {
  it.each(rows)("%s", (_name, text, check, expected) => {
    const result = healJson(text, checks[check]);
    expect(result).toEqual(expected);
    if (result.status === "repaired") expect(JSON.parse(result.content!)).toBeTypeOf("object");
  });
});
