import { afterEach, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "./index.ts";
import { chat, post } from "./test-helpers.ts";

let mock: MockUpstream | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("authentication", () => {
  it("requires a key on every request by default", async () => {
    mock = await startMockUpstream();
    const res = await post(`${mock.url}/v1/chat/completions`, chat(), { key: null });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code: null });
    expect(body.error.message).toMatch(/^You didn't provide an API key/);
    expect((await fetch(`${mock.url}/v1/models`)).status).toBe(401);
    expect(mock.requests).toHaveLength(2);
  });

  it("accepts api-key and x-api-key headers", async () => {
    mock = await startMockUpstream();
    for (const header of ["api-key", "x-api-key"]) {
      const res = await fetch(`${mock.url}/v1/chat/completions`, { method: "POST", headers: { [header]: "k-123456789" }, body: JSON.stringify(chat()) });
      expect(res.status).toBe(200);
    }
  });

  it("rejects keys outside validKeys with invalid_api_key", async () => {
    mock = await startMockUpstream({ validKeys: ["sk-good-key-1234"] });
    expect((await post(`${mock.url}/v1/chat/completions`, chat(), { key: "sk-good-key-1234" })).status).toBe(200);
    const bad = await post(`${mock.url}/v1/chat/completions`, chat(), { key: "sk-bad-key-wxyz" });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: Record<string, unknown> }).error).toMatchObject({
      message: "Incorrect API key provided: sk-...wxyz. You can find your API key at https://platform.openai.com/account/api-keys.",
      code: "invalid_api_key",
    });
  });

  it("accepts anonymous requests with requireAuth: false", async () => {
    mock = await startMockUpstream({ requireAuth: false });
    expect((await post(`${mock.url}/v1/chat/completions`, chat(), { key: null })).status).toBe(200);
    expect((await fetch(`${mock.url}/v1/models`)).status).toBe(200);
  });
});

describe("keyErrors", () => {
  it("answers every request with a listed key with that error in OpenAI's format", async () => {
    mock = await startMockUpstream({ keyErrors: { "sk-forbidden-0001": 403, "sk-limited-00002": 429 } });
    const forbidden = await fetch(`${mock.url}/v1/models`, { headers: { authorization: "Bearer sk-forbidden-0001" } });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe("model_not_found");
    const limited = await post(`${mock.url}/v1/chat/completions`, chat(), { key: "sk-limited-00002" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await fetch(`${mock.url}/v1/models`, { headers: { authorization: "Bearer sk-other-key-1" } })).status).toBe(200);
  });
});
