// The official openai SDK (v6, installed for @switchyard/gateway) as a client of the mock.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";

interface Chunk {
  choices: { delta: { content?: string | null; tool_calls?: { index: number; function?: { arguments?: string } }[] } }[];
  usage?: { total_tokens: number } | null;
}
interface Client {
  chat: {
    completions: {
      create(body: Record<string, unknown>): Promise<unknown>;
      stream(body: Record<string, unknown>): AsyncIterable<Chunk> & { finalChatCompletion(): Promise<Completion> };
    };
  };
  models: { list(): Promise<{ data: { id: string }[] }> };
}
interface Completion {
  model: string;
  choices: { message: { content: string | null; tool_calls?: { function: { name: string; arguments: string } }[] }; finish_reason: string }[];
  usage?: { prompt_tokens: number; completion_tokens: number };
}
type ClientClass = new (options: { apiKey: string; baseURL: string; maxRetries: number }) => Client;
interface ApiErrorLike {
  status: number;
  code: string | null;
  type: string;
}

const require = createRequire(import.meta.url);
const sdk = require(require.resolve("openai", { paths: [new URL("../../gateway", import.meta.url).pathname] })) as { OpenAI: ClientClass };

let mock: MockUpstream;
let client: Client;
beforeAll(async () => {
  mock = await startMockUpstream();
  client = new sdk.OpenAI({ apiKey: "sk-sdk-test-key-1234", baseURL: `${mock.url}/v1`, maxRetries: 0 });
});
afterAll(() => mock.close());

describe("openai SDK against the mock", () => {
  it("creates a completion and lists models", async () => {
    const completion = (await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hi" }] })) as Completion;
    expect(completion.choices[0]?.message.content).toBe("Hello from mock upstream (model gpt-4o-mini).");
    expect(completion.usage?.completion_tokens).toBe(6);
    expect(mock.requests.at(-1)?.headers.authorization).toBe("Bearer sk-sdk-test-key-1234");
    expect((await client.models.list()).data.map((m) => m.id)).toContain("gpt-4o");
  });

  it("streams with usage and accumulates tool calls through the SDK helper", async () => {
    let text = "";
    let usage = 0;
    const stream = (await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Hi" }], stream: true, stream_options: { include_usage: true } })) as AsyncIterable<Chunk>;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      usage = chunk.usage?.total_tokens ?? usage;
    }
    expect(text).toBe("Hello from mock upstream (model m).");
    expect(usage).toBe(4 + 6);

    mock.enqueue({ toolCalls: [{ name: "get_weather", arguments: { location: "Paris" } }] });
    const runner = client.chat.completions.stream({ model: "m", messages: [{ role: "user", content: "Weather?" }], tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object" } } }] });
    for await (const _chunk of runner) {
      // drain
    }
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(final.choices[0]?.message.tool_calls?.[0]?.function).toEqual({ name: "get_weather", arguments: '{"location":"Paris"}' });
  });

  it("surfaces OpenAI errors as the SDK's typed errors", async () => {
    mock.enqueue({ error: { status: 429 } });
    const error = (await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Hi" }] }).catch((e: unknown) => e)) as ApiErrorLike;
    expect(error.status).toBe(429);
    expect(error.code).toBe("rate_limit_exceeded");
    expect(error.type).toBe("requests");
  });
});
