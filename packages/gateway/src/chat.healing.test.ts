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

function withSchema(schema: Record<string, unknown>, id = "x") {
  return { response_format: { type: "json_schema", json_schema: { name: id, schema } } };
}

/** A schema of `levels` nested `items` schemas: levels + 1 JSON levels deep. */
function nested(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "array", items: schema };
  return schema;
}

describe("response healing refuses what it cannot do: 400 naming the parameter, nothing sent", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["stream: true", { stream: true, response_format: { type: "json_object" } }, "stream", /streamed answer reaches you chunk by chunk/],
    ["no response_format", {}, "response_format", /json_object.*json_schema/],
    ["response_format text", { response_format: { type: "text" } }, "response_format", /json_object/],
    ["a schema Ajv cannot compile", { response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "nonsense" } } } }, "response_format.json_schema.schema", /JSON Schema/],
    ["options on the plugin", { plugins: [{ id: "response-healing", mode: "aggressive" }], response_format: { type: "json_object" } }, "plugins[0].mode", /takes no options/],
    ["a pattern with a lookahead (needs backtracking)", withSchema({ type: "string", pattern: "^(?=.*[A-Z]).{8,}$" }), "response_format.json_schema.schema", /pattern "\^\(\?=\.\*\[A-Z\]\)\.\{8,\}\$" cannot be used: .*linear-time engine/],
    ["a patternProperties key with a backreference", withSchema({ type: "object", patternProperties: { "^(a)\\1$": { type: "string" } } }), "response_format.json_schema.schema", /linear-time engine/],
    ["a schema nested 65 levels deep", withSchema(nested(64)), "response_format.json_schema.schema", /at most 64 levels deep.*this one is nested more than 64 levels deep/],
    ["a schema with more than 10,000 values", withSchema({ type: "object", properties: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, { type: "string" }])) }), "response_format.json_schema.schema", /this one holds more than 10000 values/],
    ["a $ref to a schema the request does not hold", withSchema({ $ref: "https://example.com/elsewhere.json" }), "response_format.json_schema.schema", /can't resolve reference/],
  ];
  it.each(cases)("%s", async (_name, extra, param, message) => {
    const err = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], plugins: ["response-healing"], ...extra } as never).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe(param);
    expect(err.message).toMatch(message);
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("response healing and the client's schema", () => {
  it("a catastrophic-backtracking pattern is run in linear time: the answer is checked and failed", async () => {
    // ^(a+)+$ against a long run of "a" ending in "!" never finishes in a backtracking engine.
    const format = withSchema({ type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } }, required: ["a"] });
    const bad = await ask(JSON.stringify({ a: `${"a".repeat(5000)}!` }), format);
    expect(bad.healing).toEqual({ status: "failed", errors: ['/a must match pattern "^(a+)+$"'] });
    expect(bad.header).toBe("failed");
    expect((await ask(`{"a": "${"a".repeat(5000)}",}`, format)).healing).toEqual({ status: "repaired" });
  });

  it("patternProperties keys run in linear time too", async () => {
    const format = withSchema({ type: "object", patternProperties: { "^(a|a)*$": { type: "integer" } } });
    const reply = JSON.stringify({ [`${"a".repeat(5000)}!`]: "not checked", aa: "x" });
    expect((await ask(reply, format)).healing).toEqual({ status: "failed", errors: ["/aa must be integer"] });
  });

  it("a schema at the depth limit is used", async () => {
    // 63 levels of items: 64 JSON levels, the most allowed.
    let value: unknown = "deep";
    for (let i = 0; i < 63; i++) value = [value];
    expect((await ask(JSON.stringify(value), withSchema(nested(63)))).healing).toEqual({ status: "valid" });
    expect((await ask(JSON.stringify([value]), withSchema(nested(63)))).healing).toMatchObject({ status: "failed" });
  });

  it("a schema nested 20,000 levels deep is a 400 naming the schema, not a 500", async () => {
    const body = `{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"}],"plugins":["response-healing"],"response_format":{"type":"json_schema","json_schema":{"name":"deep","schema":${'{"items":'.repeat(20_000)}{}${"}".repeat(20_000)}}}}`;
    const res = await fetch(`${h.url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${client.apiKey}`, "content-type": "application/json" }, body });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { param: string; message: string; type: string } };
    expect(error).toMatchObject({ param: "response_format.json_schema.schema", type: "invalid_request_error" });
    expect(error.message).toMatch(/nested more than 64 levels deep/);
    expect(h.mock.requests).toHaveLength(0);
  });

  const person = (id: string, nameType: string) => withSchema({ $id: id, type: "object", properties: { name: { type: nameType } }, required: ["name"] }, "person");

  it("the same $id in request after request, strict and not, is no conflict", async () => {
    for (const strict of [false, true, false, true]) {
      const format = person("https://example.com/person.json", "string");
      format.response_format.json_schema = { ...format.response_format.json_schema, strict } as never;
      expect((await ask('{"name": "Ada",}', format)).healing).toEqual({ status: "repaired" });
    }
  });

  it("two projects with the same $id and different schemas: each answer is checked against its own", async () => {
    const other = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
    const id = "https://example.com/shared-id.json";
    expect((await ask('{"name":"Ada"}', person(id, "string"))).healing).toEqual({ status: "valid" });
    h.mock.script(() => ({ content: '{"name":"Ada"}' }));
    const data = (await other.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], plugins: ["response-healing"], ...person(id, "integer") } as never)) as unknown as {
      switchyard: { response_healing: unknown };
    };
    expect(data.switchyard.response_healing).toEqual({ status: "failed", errors: ["/name must be integer"] });
    expect((await ask('{"name":"Ada"}', person(id, "string"))).healing).toEqual({ status: "valid" });
  });

  it("a $ref cannot reach a schema another request registered under its $id", async () => {
    const id = "https://example.com/registered.json";
    expect((await ask('{"name":"Ada"}', person(id, "string"))).healing).toEqual({ status: "valid" });
    h.mock.reset();
    const err = (await client.chat.completions
      .create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }], plugins: ["response-healing"], ...withSchema({ $ref: id }) } as never)
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.BadRequestError>;
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.param).toBe("response_format.json_schema.schema");
    expect(err.message).toMatch(/can't resolve reference https:\/\/example.com\/registered.json/);
    expect(h.mock.requests).toHaveLength(0);
  });
});

describe("response healing and annotations", () => {
  type Annotation = { type: string; url_citation: { url: string; title: string; start_index: number; end_index: number } };
  const link = "[Analytical Engine](https://example.com/engine?utm_source=openai)";
  const source = { url: "https://example.com/engine?utm_source=openai", title: "The Engine", text: link };

  async function askSearch(content: string, citations: Array<typeof source>) {
    h.mock.script(() => ({ content, citations }));
    const data = (await client.chat.completions.create({
      model: "gpt-4o-search-preview",
      messages: [{ role: "user", content: "Ada's machine?" }],
      web_search_options: {},
      response_format: { type: "json_object" },
      plugins: ["response-healing"],
    } as never)) as unknown as { choices: Array<{ message: { content: string; annotations: Annotation[] } }>; switchyard: { response_healing: { status: string } } };
    return { ...data.choices[0]!.message, healing: data.switchyard.response_healing };
  }

  it("a repaired answer's citations are moved onto the same text in the new content", async () => {
    const message = await askSearch(`Sure! Here it is:\n\`\`\`json\n{"machine": "The ${link}", "year": 1837,}\n\`\`\``, [source]);
    expect(message.healing).toEqual({ status: "repaired" });
    expect(message.content).toBe(`{"machine":"The ${link}","year":1837}`);
    expect(message.annotations).toHaveLength(1);
    const { start_index, end_index, url } = message.annotations[0]!.url_citation;
    expect([message.content.slice(start_index, end_index), url]).toEqual([link, source.url]);
  });

  it("a citation of text the repair dropped is dropped, not left pointing elsewhere", async () => {
    const prose = "[Babbage's notes](https://example.com/notes?utm_source=openai)";
    const notes = { url: "https://example.com/notes?utm_source=openai", title: "Notes", text: prose };
    const message = await askSearch(`As ${prose} say: {"machine": "The ${link}",}`, [notes, source]);
    expect(message.healing).toEqual({ status: "repaired" });
    expect(message.annotations.map((a) => [a.url_citation.title, message.content.slice(a.url_citation.start_index, a.url_citation.end_index)])).toEqual([["The Engine", link]]);
  });

  it("a valid answer's annotations are passed through untouched", async () => {
    const content = `{"machine":"The ${link}"}`;
    const message = await askSearch(content, [source]);
    expect(message.healing).toEqual({ status: "valid" });
    expect(message.annotations).toEqual([{ type: "url_citation", url_citation: { url: source.url, title: source.title, start_index: content.indexOf(link), end_index: content.indexOf(link) + link.length } }]);
  });
});
