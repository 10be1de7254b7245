// Every OpenAI-compatible provider in the catalog, through the OpenAI SDK: the request reaches
// the provider's path with its auth header and the upstream model id, streaming and not.
import OpenAI from "openai";
import { models, providers } from "@switchyard/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;
beforeAll(async () => {
  h = await startHarness();
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());

const cases = providers
  .filter((p) => p.protocol === "openai-compatible")
  .map((provider) => {
    const model = models.find((m) => m.offerings.some((o) => o.providerId === provider.id))!;
    return { provider, model, offering: model.offerings.find((o) => o.providerId === provider.id)! };
  });

describe.each(cases)("$provider.id", ({ provider, model, offering }) => {
  it("serves streaming and non-streaming chats with the provider's wire details", async () => {
    h.mock.reset();
    const res = await client.chat.completions.create({ model: `${provider.id}/${model.id}`, messages: [{ role: "user", content: "ping" }], max_completion_tokens: 50 });
    expect(res.choices[0]!.message.content).toBeTruthy();
    const stream = await client.chat.completions.stream({ model: `${provider.id}/${model.id}`, messages: [{ role: "user", content: "ping" }] }).finalChatCompletion();
    expect(stream.choices[0]!.message.content).toBeTruthy();

    expect(h.mock.requests).toHaveLength(2);
    for (const req of h.mock.requests) {
      expect(req.path).toBe(`/${provider.id}/v1/chat/completions`);
      expect(req.headers[provider.auth.header]).toBe(`${provider.auth.prefix}house-${provider.id}`);
      for (const [name, value] of Object.entries(provider.headers ?? {})) expect(req.headers[name.toLowerCase()]).toBe(value);
      expect((req.body as { model: string }).model).toBe(offering.upstreamModel);
    }
    const [plain, streamed] = h.mock.requests.map((r) => r.body as Record<string, unknown>);
    if (provider.quirks.maxTokensOnly) expect(plain!.max_tokens).toBe(50);
    else expect(plain!.max_completion_tokens).toBe(50);
    expect(streamed!.stream).toBe(true);
    if (provider.quirks.streamUsage) expect(streamed!.stream_options).toEqual({ include_usage: true });
  });
});
