// The response-healing plugin through the official OpenAI SDK: the model mock answers broken
// JSON, the gateway repairs it (or says why it could not) in the content, the
// x-switchyard-response-healing header and the `switchyard.response_healing` field.
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;
beforeAll(async () => {
  h = await startHarness();
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());
beforeEach(() => {
  h.mock.reset();
  h.events.length = 0;
});

const schemaFormat = (strict: boolean) => ({
  type: "json_schema" as const,
  json_schema: { name: "person", strict, schema: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false } },
});

async function ask(reply: string, extra: Record<string, unknown>) {
  h.mock.script(() => ({ content: reply }));
  const { data, response } = await client.chat.completions
    .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Who is Ada?" }], plugins: ["response-healing"], ...extra } as never)
    .withResponse();
  const completion = data as unknown as { choices: Array<{ message: { content: string } }>; switchyard: { response_healing: { status: string; errors?: string[] } } };
  return { content: completion.choices[0]!.message.content, healing: completion.switchyard.response_healing, header: response.headers.get("x-switchyard-response-healing") };
}

describe("response healing", () => {
  it("repairs a fenced answer with a trailing comma and says so", async () => {
    const result = await ask('```json\n{"name": "Ada", "age": 36,}\n```', { response_format: schemaFormat(true) });
    expect(result).toEqual({ content: '{"name":"Ada","age":36}', healing: { status: "repaired" }, header: "repaired" });
    const sent = h.mock.requests.at(-1)!.body as Record<string, unknown>;
    expect(sent).not.toHaveProperty("plugins");
    expect(sent.response_format).toEqual(schemaFormat(true));
    expect(h.events).toHaveLength(1);
  });

  it("leaves a valid answer alone", async () => {
    expect(await ask('{"name":"Ada","age":36}', { response_format: schemaFormat(true) })).toEqual({ content: '{"name":"Ada","age":36}', healing: { status: "valid" }, header: "valid" });
  });

  it("json_object: repairs a truncated answer after prose", async () => {
    expect(await ask('Here you go: {"name": "Ada", "langs": ["en", "fr', { response_format: { type: "json_object" } })).toEqual({
      content: '{"name":"Ada","langs":["en","fr"]}',
      healing: { status: "repaired" },
      header: "repaired",
    });
  });

  it("a schema violation is failed, with the errors, and the content is untouched", async () => {
    const reply = '{"name": "Ada", "age": "thirty-six", "city": "London"}';
    expect(await ask(reply, { response_format: schemaFormat(true) })).toEqual({
      content: reply,
      healing: { status: "failed", errors: ["/ must NOT have additional properties (city)", "/age must be integer"] },
      header: "failed",
    });
  });

  it("strict: true requires every property even when the schema's required list omits one", async () => {
    const format = { type: "json_schema", json_schema: { name: "p", strict: true, schema: { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } } } } };
    expect((await ask('{"name":"Ada"}', { response_format: format })).healing).toEqual({ status: "failed", errors: ["/ must have required property 'age'"] });
    const loose = { ...format, json_schema: { ...format.json_schema, strict: false } };
    expect((await ask('{"name":"Ada","extra":1}', { response_format: loose })).healing).toEqual({ status: "valid" });
  });

  it("works in the object form and together with other parameters", async () => {
    h.mock.script(() => ({ content: "{'ok': true}" }));
    const data = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], response_format: { type: "json_object" }, plugins: [{ id: "response-healing" }], temperature: 0 } as never)) as unknown as {
      choices: Array<{ message: { content: string } }>;
    };
    expect(data.choices[0]!.message.content).toBe('{"ok":true}');
  });
});

describe("response healing refuses what it cannot do: 400 naming the parameter, nothing sent", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["stream: true", { stream: true, response_format: { type: "json_object" } }, "stream", /streamed answer reaches you chunk by chunk/],
    ["no response_format", {}, "response_format", /json_object.*json_schema/],
    ["response_format text", { response_format: { type: "text" } }, "response_format", /json_object/],
    ["a schema Ajv cannot compile", { response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "nonsense" } } } }, "response_format.json_schema.schema", /JSON Schema/],
    ["options on the plugin", { plugins: [{ id: "response-healing", mode: "aggressive" }], response_format: { type: "json_object" } }, "plugins[0].mode", /takes no options/],
  ];
  it.each(cases)("%s", async (_name, extra, param, message) => {
    const err = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], plugins: ["response-healing"], ...extra } as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
    expect(h.mock.requests).toHaveLength(0);
  });
});
