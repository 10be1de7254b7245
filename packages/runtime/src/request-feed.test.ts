// The live request feed's wire format: one JSON array per batch on `<prefix>:requests`,
// malformed entries and messages dropped by the reader.
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { randomToken } from "@switchyard/core";
import { parseCompletedRequests, publishCompletedRequests, requestFeedChannel, type CompletedRequest } from "./request-feed.ts";

const redis = new Redis(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
afterAll(() => redis.disconnect());

const request = (requestId: string): CompletedRequest => ({
  requestId, organizationId: "org_1", projectId: "prj_1", apiKeyId: "key_1", providerId: "openai", model: "gpt-4o-mini", endpoint: "chat.completions",
  keySource: "credits", status: "success", httpStatus: 200, errorCode: null, promptTokens: 10, completionTokens: 5, cachedTokens: 0, reasoningTokens: 0,
  usageEstimated: false, costTotal: "0.0001", markup: "0", amountBilled: "0.0001", latencyMs: 12, timeToFirstTokenMs: 4, attempts: 1, createdAt: "2026-01-01T00:00:00.000Z",
});

describe("request feed", () => {
  it("publishes a batch as one message and nothing for an empty batch", async () => {
    const prefix = `test-${randomToken(8)}`;
    const subscriber = redis.duplicate();
    const messages: string[] = [];
    subscriber.on("message", (_channel: string, raw: string) => messages.push(raw));
    await subscriber.subscribe(requestFeedChannel(prefix));
    await publishCompletedRequests(redis, prefix, []);
    await publishCompletedRequests(redis, prefix, [request("req_a"), request("req_b")]);
    await expect.poll(() => messages.length).toBe(1);
    expect(parseCompletedRequests(messages[0]!).map((r) => r.requestId)).toEqual(["req_a", "req_b"]);
    expect(requestFeedChannel(prefix)).toBe(`${prefix}:requests`);
    await subscriber.quit();
  });

  it("drops malformed messages and entries", () => {
    expect(parseCompletedRequests("not json")).toEqual([]);
    expect(parseCompletedRequests(JSON.stringify({ requestId: "req_a" }))).toEqual([]);
    const { projectId: _dropped, ...partial } = request("req_b");
    expect(parseCompletedRequests(JSON.stringify([request("req_a"), partial, null, 3])).map((r) => r.requestId)).toEqual(["req_a"]);
  });
});
