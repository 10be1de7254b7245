import { setTimeout as wait } from "node:timers/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";
import { chat, choicesOf, post, readSse } from "./test-helpers.ts";

let mock: MockUpstream;
beforeAll(async () => {
  mock = await startMockUpstream();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const url = (): string => `${mock.url}/v1/chat/completions`;

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await wait(5);
  }
}

describe("errors", () => {
  it("sends OpenAI's 401, 429, 500 and 503 bodies and headers", async () => {
    mock.enqueue({ error: { status: 401 } }, { error: { status: 429 } }, { error: { status: 500 } }, { error: { status: 503 } });
    const r401 = await post(url(), chat());
    expect(r401.status).toBe(401);
    expect(await r401.json()).toEqual({
      error: {
        message: "Incorrect API key provided: sk-...abcd. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });

    const r429 = await post(url(), chat("gpt-4o-mini"));
    expect(r429.status).toBe(429);
    expect(r429.headers.get("retry-after")).toBe("1");
    expect(r429.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(r429.headers.get("x-ratelimit-reset-requests")).toBe("120ms");
    const body429 = (await r429.json()) as { error: Record<string, unknown> };
    expect(body429.error).toMatchObject({ type: "requests", param: null, code: "rate_limit_exceeded" });
    expect(body429.error.message).toMatch(/^Rate limit reached for gpt-4o-mini /);

    const r500 = await post(url(), chat());
    expect(r500.status).toBe(500);
    expect(await r500.json()).toEqual({
      error: { message: "The server had an error while processing your request. Sorry about that!", type: "server_error", param: null, code: null },
    });

    const r503 = await post(url(), chat());
    expect(r503.status).toBe(503);
    expect(((await r503.json()) as { error: Record<string, unknown> }).error).toMatchObject({ type: "server_error", code: null });
  });

  it("sends custom error bodies and headers verbatim", async () => {
    mock.enqueue({ error: { status: 502, body: "<html>Bad gateway</html>", headers: { "content-type": "text/html" } } }, { error: { status: 429, headers: { "retry-after": "7" } } });
    const html = await post(url(), chat());
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(await html.text()).toBe("<html>Bad gateway</html>");
    const limited = await post(url(), chat());
    expect(limited.headers.get("retry-after")).toBe("7");
  });

  it("obeys directives, script and queue in that order of precedence", async () => {
    expect((await post(url(), chat("m", "please [[mock:429]]"))).status).toBe(429);
    expect((await post(url(), chat("m", "[[mock:500]]"))).status).toBe(500);
    mock.enqueue({ content: "queued" });
    const queued = (await (await post(url(), chat("m", "[[mock:500]]"))).json()) as { choices: { message: { content: string } }[] };
    expect(queued.choices[0]?.message.content).toBe("queued");
    mock.enqueue({ content: "still queued" });
    mock.script((req) => ((req.body as { model?: string }).model === "scripted" ? { error: { status: 503 } } : undefined));
    expect((await post(url(), chat("scripted"))).status).toBe(503);
    const fallThrough = (await (await post(url(), chat("other"))).json()) as { choices: { message: { content: string } }[] };
    expect(fallThrough.choices[0]?.message.content).toBe("still queued");
    const noUsage = (await (await post(url(), chat("m", "[[mock:no-usage]]"))).json()) as Record<string, unknown>;
    expect("usage" in noUsage).toBe(false);
  });
});

describe("timing and broken connections", () => {
  it("delays the first byte by firstByteDelayMs", async () => {
    mock.enqueue({ firstByteDelayMs: 150 });
    const started = Date.now();
    const res = await post(url(), chat("m", "Hi", { stream: true }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect((await readSse(res)).done).toBe(true);

    const slowDirective = Date.now();
    await (await post(url(), chat("m", "[[mock:slow=100]]"))).json();
    expect(Date.now() - slowDirective).toBeGreaterThanOrEqual(95);
  });

  it("fails mid-stream: some content, then the connection ends without [DONE]", async () => {
    mock.enqueue({ failAfterChunks: 2 });
    const sse = await readSse(await post(url(), chat("m", "Hi", { stream: true })));
    expect(sse.error).toBeDefined();
    expect(sse.done).toBe(false);
    expect(sse.text).not.toContain("[DONE]");
    expect(sse.chunks.map((c) => choicesOf(c)[0]?.delta.content)).toEqual(["", "Hello", " from"]);
    await until(() => mock.openRequests() === 0);
    expect(mock.requests[0]).toMatchObject({ finished: false, aborted: false });

    const viaDirective = await readSse(await post(url(), chat("m", "[[mock:midstream-fail]]", { stream: true })));
    expect(viaDirective.done).toBe(false);
  });

  it("fails mid-body for non-streaming requests", async () => {
    mock.enqueue({ failAfterChunks: 0 });
    const res = await post(url(), chat());
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("records a client abort and returns openRequests() to 0", async () => {
    mock.enqueue({ firstByteDelayMs: 5000 });
    const controller = new AbortController();
    const pending = post(url(), chat(), { signal: controller.signal });
    await until(() => mock.openRequests() === 1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await until(() => mock.openRequests() === 0);
    expect(mock.requests[0]).toMatchObject({ aborted: true, finished: false });
  });

  it("records an abort in the middle of a slow stream", async () => {
    mock.enqueue({ chunkDelayMs: 50 });
    const controller = new AbortController();
    const res = await post(url(), chat("m", "Hi", { stream: true }), { signal: controller.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    expect(mock.openRequests()).toBe(1);
    controller.abort();
    await until(() => mock.openRequests() === 0);
    expect(mock.requests[0]).toMatchObject({ aborted: true, finished: false });
  });

  it("close() ends hanging requests", async () => {
    const local = await startMockUpstream();
    local.enqueue({ firstByteDelayMs: 60_000 });
    const pending = post(`${local.url}/v1/chat/completions`, chat());
    await until(() => local.openRequests() === 1);
    const started = Date.now();
    await local.close();
    await expect(pending).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
