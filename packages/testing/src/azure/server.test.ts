import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAzureMock } from "./server.ts";
import type { AzureMock } from "./types.ts";

let mock: AzureMock;
beforeAll(async () => {
  mock = await startAzureMock({ apiKeys: ["azure-key"], deployments: { chat: "gpt-4o-mini-2024-07-18" } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const messages = [{ role: "user", content: "Hi" }];
const CHAT = "/openai/deployments/chat/chat/completions?api-version=2024-10-21";
const post = (path: string, body: unknown, key = "azure-key") =>
  fetch(`${mock.url}${path}`, { method: "POST", headers: { "content-type": "application/json", "api-key": key }, body: JSON.stringify(body) });
const data = async (res: Response) =>
  (await res.text())
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => frame.replace(/^data: /, ""));

describe("Azure OpenAI mock", () => {
  it("answers on the deployment with the deployment's model and Azure's filter annotations", async () => {
    const res = await post(CHAT, { messages });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      model: "gpt-4o-mini-2024-07-18",
      prompt_filter_results: [{ prompt_index: 0 }],
      choices: [{ finish_reason: "stop", content_filter_results: { violence: { filtered: false } } }],
    });
    expect((await post("/openai/v1/chat/completions", { model: "chat", messages })).status).toBe(200);
  });

  it("refuses what Azure refuses: bad key, missing or unknown api-version, unknown deployment, newer arguments on older versions", async () => {
    const cases: Array<[string, unknown, string, number, unknown]> = [
      [CHAT, { messages }, "wrong", 401, { error: { code: "401", message: expect.stringContaining("Access denied") } }],
      ["/openai/deployments/chat/chat/completions", { messages }, "azure-key", 404, { error: { code: "404", message: "Resource not found" } }],
      ["/openai/deployments/chat/chat/completions?api-version=2031-01-01", { messages }, "azure-key", 404, { error: { code: "404" } }],
      ["/openai/deployments/other/chat/completions?api-version=2024-10-21", { messages }, "azure-key", 404, { error: { code: "DeploymentNotFound" } }],
      ["/openai/deployments/chat/chat/completions?api-version=2024-06-01", { messages, stream: true, stream_options: { include_usage: true } }, "azure-key", 400, { error: { message: "Unrecognized request argument supplied: stream_options" } }],
    ];
    for (const [path, body, key, status, error] of cases) {
      const res = await post(path, body, key);
      expect(res.status, path).toBe(status);
      expect(await res.json()).toMatchObject(error as object);
    }
  });

  it("streams like Azure: prompt-filter chunk first, usage on request, async-filter annotations, [DONE]", async () => {
    mock.enqueue({ asyncFilter: true });
    const frames = await data(await post(CHAT, { messages, stream: true, stream_options: { include_usage: true } }));
    expect(JSON.parse(frames[0]!)).toMatchObject({ choices: [], id: "", object: "", prompt_filter_results: expect.any(Array) });
    expect(JSON.parse(frames[1]!)).toMatchObject({ object: "chat.completion.chunk", model: "gpt-4o-mini-2024-07-18", choices: [{ delta: { role: "assistant" } }] });
    const annotation = frames.map((f) => (f === "[DONE]" ? null : (JSON.parse(f) as { id: string; choices: Array<Record<string, unknown>> }))).find((c) => c?.id === "" && c.choices.length > 0);
    expect(annotation!.choices[0]).not.toHaveProperty("delta");
    expect(JSON.parse(frames.at(-2)!)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
    expect(frames.at(-1)).toBe("[DONE]");
  });

  it("filters prompts and completions, and rate limits with retry-after", async () => {
    mock.enqueue({ promptFiltered: true }, { completionFiltered: true }, { error: { status: 429 } });
    const prompt = await post(CHAT, { messages });
    expect(prompt.status).toBe(400);
    expect(await prompt.json()).toMatchObject({ error: { code: "content_filter", param: "prompt", innererror: { code: "ResponsibleAIPolicyViolation" } } });
    expect(await (await post(CHAT, { messages })).json()).toMatchObject({ choices: [{ finish_reason: "content_filter", content_filter_results: { violence: { filtered: true } } }] });
    const limited = await post(CHAT, { messages });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("retry-after-ms")).toBe("2000");
  });
});
