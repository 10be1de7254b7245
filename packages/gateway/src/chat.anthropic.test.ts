// Claude through the gateway with the official OpenAI SDK: the Anthropic adapter translates
// requests and answers both ways against the faithful Messages API mock.
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { type AnthropicMock, startAnthropicMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let amock: AnthropicMock;
let client: OpenAI;

beforeAll(async () => {
  amock = await startAnthropicMock();
  h = await startHarness({ baseUrls: { anthropic: `${amock.url}/v1` } });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(async () => {
  await h.close();
  await amock.close();
});
beforeEach(() => {
  amock.reset();
  h.events.length = 0;
});

const MODEL = "anthropic/claude-sonnet-4-6";
const upstream = () => amock.requests.at(-1)!;
const upstreamBody = () => upstream().body as Record<string, unknown>;
const weather = [{ type: "function" as const, function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } }];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("Claude through the OpenAI SDK", () => {
  it("routes anthropic/claude-sonnet-4-6 to Anthropic's Messages API, with usage and cost", async () => {
    amock.enqueue({ text: "Bonjour.", usage: { input_tokens: 1000, cache_read_input_tokens: 2000, cache_creation_input_tokens: 500, output_tokens: 100 } });
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL,
        messages: [
          { role: "system", content: "Be brief." },
          { role: "developer", content: "Answer in French." },
          { role: "user", content: "Hello" },
          { role: "user", content: [{ type: "text", text: "How are you?" }] },
        ],
        temperature: 0.3,
        top_p: 0.9,
        stop: ["END"],
        user: "user-42",
        seed: 7,
      })
      .withResponse();
    expect(response.headers.get("x-switchyard-provider")).toBe("anthropic");
    expect(upstream().path).toBe("/v1/messages");
    expect(upstream().headers).toMatchObject({ "x-api-key": "house-anthropic", "anthropic-version": "2023-06-01", "content-type": "application/json" });
    expect(upstreamBody()).toEqual({
      model: "claude-sonnet-4-6",
      max_tokens: 4096,
      system: [{ type: "text", text: "Be brief." }, { type: "text", text: "Answer in French." }],
      messages: [{ role: "user", content: [{ type: "text", text: "Hello" }, { type: "text", text: "How are you?" }] }],
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ["END"],
      metadata: { user_id: "user-42" },
    });
    expect(data.choices[0]).toMatchObject({ message: { role: "assistant", content: "Bonjour." }, finish_reason: "stop" });
    // 1000 input + 2000 cache reads + 500 cache writes; reads at $0.30, the rest at $3, output at $15.
    expect(data.usage).toMatchObject({ prompt_tokens: 3500, completion_tokens: 100, total_tokens: 3600, prompt_tokens_details: { cached_tokens: 2000 } });
    const usage = data.usage as unknown as Record<string, number>;
    expect(usage.cost_usd_cached_input).toBeCloseTo(0.0006, 10);
    expect(usage.cost_usd_total).toBeCloseTo(0.0066, 10);
    expect(h.events[0]).toMatchObject({ providerId: "anthropic", model: "claude-sonnet-4-6", promptTokens: 3500, cachedTokens: 2000, completionTokens: 100, usageEstimated: false, priced: true });
  });

  it("streams: finalChatCompletion, and a usage chunk with cost when asked", async () => {
    amock.enqueue({ chunks: ["Hel", "lo ", "there."] });
    const final = await client.chat.completions.stream({ model: MODEL, messages: [{ role: "user", content: "Stream" }], max_completion_tokens: 300 }).finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe("Hello there.");
    expect(final.choices[0]!.finish_reason).toBe("stop");
    expect(upstreamBody()).toMatchObject({ stream: true, max_tokens: 300 });
    expect(h.events[0]).toMatchObject({ providerId: "anthropic", usageEstimated: false });

    const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "again" }], stream: true, stream_options: { include_usage: true } }));
    expect(chunks[0]!.choices[0]!.delta).toMatchObject({ role: "assistant" });
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), key_source: "credits" });
    expect((last.usage as unknown as { cost_usd_total: number }).cost_usd_total).toBeGreaterThan(0);
  });

  it("round-trips tool calls, streaming and not, with stable indexes", async () => {
    amock.enqueue({ toolUses: [{ name: "get_weather", input: { city: "Paris" } }] });
    const first = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Weather in Paris?" }], tools: weather, tool_choice: "auto", parallel_tool_calls: false });
    const call = first.choices[0]!.message.tool_calls![0]!;
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    expect(first.choices[0]!.message.content).toBeNull();
    expect(call.type === "function" && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(["get_weather", { city: "Paris" }]);
    expect(upstreamBody()).toMatchObject({
      tools: [{ name: "get_weather", description: "Weather for a city", input_schema: weather[0]!.function.parameters }],
      tool_choice: { type: "auto", disable_parallel_tool_use: true },
    });

    const second = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: "Weather in Paris?" }, first.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "18°C and sunny" }],
      tools: weather,
      tool_choice: { type: "function", function: { name: "get_weather" } },
    });
    expect(second.choices[0]!.message.content).toContain("Anthropic mock");
    expect(upstreamBody()).toMatchObject({
      tool_choice: { type: "tool", name: "get_weather" },
      messages: [
        { role: "user" },
        { role: "assistant", content: [{ type: "tool_use", id: call.id, name: "get_weather", input: { city: "Paris" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: [{ type: "text", text: "18°C and sunny" }] }] },
      ],
    });

    amock.enqueue({ text: "Checking both.", toolUses: [{ name: "get_weather", input: { city: "Oslo" } }, { name: "get_weather", input: { city: "Rome" } }] });
    const chunks = await collect(await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Oslo and Rome?" }], tools: weather, tool_choice: "required", stream: true }));
    expect(upstreamBody()).toMatchObject({ tool_choice: { type: "any" } });
    const args = ["", ""];
    for (const chunk of chunks) for (const tc of chunk.choices[0]?.delta.tool_calls ?? []) args[tc.index] += tc.function?.arguments ?? "";
    expect(args.map((a) => JSON.parse(a))).toEqual([{ city: "Oslo" }, { city: "Rome" }]);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Checking both.");
    expect(chunks.find((c) => c.choices[0]?.finish_reason)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("maps json_schema to structured outputs and json_object to an instruction", async () => {
    const schema = { type: "object", properties: { name: { type: "string" }, age: { type: "integer" } }, required: ["name", "age"], additionalProperties: false };
    const res = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "A person" }], response_format: { type: "json_schema", json_schema: { name: "person", strict: true, schema } } });
    expect(upstreamBody().output_config).toEqual({ format: { type: "json_schema", schema } });
    expect(Object.keys(JSON.parse(res.choices[0]!.message.content!) as object)).toEqual(["name", "age"]);

    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Some JSON" }], response_format: { type: "json_object" } });
    expect(upstreamBody().output_config).toBeUndefined();
    expect(JSON.stringify(upstreamBody().system)).toContain("single valid JSON object");
  });

  it("maps reasoning_effort to adaptive thinking (4.6+) or a budget, returning reasoning_content", async () => {
    amock.enqueue({ thinking: "Two plus two is four.", text: "4" });
    const adaptive = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "2+2?" }], reasoning_effort: "high" });
    expect(upstreamBody()).toMatchObject({ max_tokens: 16_384, thinking: { type: "adaptive", display: "summarized" }, output_config: { effort: "high" } });
    const message = adaptive.choices[0]!.message as unknown as { content: string; reasoning_content: string; reasoning_details: Array<{ type: string; signature: string }> };
    expect(message).toMatchObject({ content: "4", reasoning_content: "Two plus two is four." });
    expect(message.reasoning_details[0]).toMatchObject({ type: "reasoning.text", signature: expect.any(String) });

    await client.chat.completions.create({ model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "2+2?" }], reasoning_effort: "low", max_completion_tokens: 3000 });
    expect(upstreamBody()).toMatchObject({ max_tokens: 3000, thinking: { type: "enabled", budget_tokens: 2048 } });
    const tooSmall = await client.chat.completions.create({ model: "anthropic/claude-haiku-4-5", messages: [{ role: "user", content: "x" }], reasoning_effort: "low", max_tokens: 500 }).catch((e: unknown) => e);
    expect(tooSmall).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tooSmall as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("max_tokens");

    // A tool loop with thinking sends the signed thinking block back before the tool_use.
    amock.enqueue({ thinking: "Need the weather tool.", toolUses: [{ name: "get_weather", input: { city: "Oslo" } }] });
    const turn = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Oslo?" }], tools: weather, reasoning_effort: "medium" });
    const call = turn.choices[0]!.message.tool_calls![0]!;
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "Oslo?" }, turn.choices[0]!.message, { role: "tool", tool_call_id: call.id, content: "-2°C" }], tools: weather, reasoning_effort: "medium" });
    const assistant = (upstreamBody().messages as Array<{ role: string; content: Array<{ type: string; signature?: string }> }>)[1]!;
    expect(assistant.content.map((b) => b.type)).toEqual(["thinking", "tool_use"]);
    expect(assistant.content[0]!.signature).toBeTruthy();
  });

  it("sends images by URL and base64, and refuses what Anthropic cannot take, naming it", async () => {
    const png = "data:image/png;base64,iVBORw0KGgo=";
    await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: "user", content: [{ type: "text", text: "Compare" }, { type: "image_url", image_url: { url: "https://example.com/cat.jpg" } }, { type: "image_url", image_url: { url: png } }] }],
    });
    expect((upstreamBody().messages as Array<{ content: unknown[] }>)[0]!.content).toEqual([
      { type: "text", text: "Compare" },
      { type: "image", source: { type: "url", url: "https://example.com/cat.jpg" } },
      { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBORw0KGgo=" } },
    ]);
    amock.reset();
    for (const [extra, param] of [
      [{ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/tiff;base64,AAAA" } }] }] }, "messages[0].content[0].image_url.url"],
      [{ frequency_penalty: 0.5 }, "frequency_penalty"],
      [{ n: 2 }, "n"],
      [{ logprobs: true }, "logprobs"],
      [{ temperature: 1.5 }, "temperature"],
    ] as const) {
      const err = await client.chat.completions.create(Object.assign({ model: MODEL, messages: [{ role: "user", content: "x" }] }, extra) as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(extra)).toBeInstanceOf(OpenAI.BadRequestError);
      expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    }
    expect(amock.requests).toHaveLength(0);
  });

  it("gives the same answer streamed and not", async () => {
    const behaviour = { thinking: "Think first.", text: "Here you go.", toolUses: [{ name: "get_weather", input: { city: "Lima" } }], usage: { input_tokens: 321, output_tokens: 54 } };
    amock.script(() => behaviour);
    const body = { model: MODEL, messages: [{ role: "user" as const, content: "Lima?" }], tools: weather, reasoning_effort: "low" as const };
    const plain = await client.chat.completions.create(body);
    const chunks = await collect(await client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }));
    const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta as ChatCompletionChunk.Choice.Delta & { reasoning_content?: string }));
    const message = plain.choices[0]!.message as typeof plain.choices[0]["message"] & { reasoning_content: string };
    expect(deltas.map((d) => d.content ?? "").join("")).toBe(message.content);
    expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe(message.reasoning_content);
    const streamedCall = deltas.flatMap((d) => d.tool_calls ?? []);
    expect(streamedCall[0]).toMatchObject({ index: 0, id: expect.stringMatching(/^toolu_/), type: "function", function: { name: "get_weather" } });
    expect(streamedCall.map((tc) => tc.function?.arguments ?? "").join("")).toBe((message.tool_calls![0] as { function: { arguments: string } }).function.arguments);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)!.choices[0]!.finish_reason).toBe(plain.choices[0]!.finish_reason);
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: plain.usage!.prompt_tokens, completion_tokens: plain.usage!.completion_tokens });
  });
});
