// The live feed end to end over SSE: the worker publishes a billed batch on Redis, a viewer's
// `requestCompleted` subscription gets its project's requests and no other's, outsiders are
// refused before anything is subscribed, and a client going away unsubscribes from Redis.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@switchyard/core";
import { requestFeedChannel } from "@switchyard/runtime";
import { ingestBatch, publishIngested } from "@switchyard/worker/testing";
import { startControlPlaneHarness, type ControlPlaneHarness, type TestUser } from "../testing/harness.ts";
import { createOrg, createProject, usageEvent } from "./testing/seed.ts";

let h: ControlPlaneHarness;
let orgId: string;
let p1: string;
let p2: string;
let viewer: TestUser;
let outsider: TestUser;
let channel: string;

beforeAll(async () => {
  h = await startControlPlaneHarness();
  orgId = await createOrg(h.db.prisma);
  p1 = await createProject(h.db.prisma, orgId, "One");
  p2 = await createProject(h.db.prisma, orgId, "Two");
  viewer = await h.user({ memberOf: { organizationId: orgId, role: "viewer" } });
  outsider = await h.user();
  channel = requestFeedChannel(h.deps.redisPrefix);
}, 60_000);

afterAll(() => h.close());

const SUBSCRIPTION = `subscription ($projectId: ID!) { requestCompleted(projectId: $projectId) {
  requestId organizationId projectId apiKeyId providerId model endpoint keySource status httpStatus errorCode
  promptTokens completionTokens cachedTokens reasoningTokens usageEstimated costTotal markup amountBilled latencyMs timeToFirstTokenMs attempts createdAt } }`;

interface Sse {
  status: number;
  /** The next `event: next` payload, or `complete`. */
  next(): Promise<{ data?: { requestCompleted: Record<string, unknown> | null }; errors?: Array<{ extensions?: { code?: string } }> } | "complete">;
  close(): Promise<void>;
}

async function subscribe(projectId: string, as?: TestUser): Promise<Sse> {
  const res = await h.yoga.fetch("http://api.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", ...(as ? { authorization: as.authorization } : {}) },
    body: JSON.stringify({ query: SUBSCRIPTION, variables: { projectId } }),
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    status: res.status,
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === "complete") return "complete";
          if (event === "next" && data) return JSON.parse(data);
          continue; // keep-alive comments
        }
        const chunk = await reader.read();
        if (chunk.done) return "complete";
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}

const subscribers = async () => {
  const [, count] = (await h.deps.redis.pubsub("NUMSUB", channel)) as [string, number];
  return Number(count);
};

const logger = createLogger({ level: "silent" });

describe("requestCompleted", () => {
  it("streams the project's billed requests and none of another project's, then unsubscribes", async () => {
    const one = await subscribe(p1, viewer);
    const two = await subscribe(p2, viewer);
    expect(one.status).toBe(200);
    const first = one.next();
    const second = two.next();
    // Both clients share one Redis subscription.
    await expect.poll(subscribers, { timeout: 5000 }).toBe(1);

    const spec = { at: "2025-07-01T12:00:00.000Z", provider: "openai", model: "gpt-4o-mini", keySource: "byok" as const, prompt: 12, completion: 3, cost: "0.0000125", markup: "0.000000625", latency: 80 };
    const forTwo = usageEvent(orgId, p2, "key_2", spec);
    const forOne = usageEvent(orgId, p1, "key_1", { ...spec, at: "2025-07-01T12:00:01.000Z" });
    const result = await ingestBatch(h.db.prisma, [forTwo, forOne]);
    await publishIngested(h.deps.redis, h.deps.redisPrefix, logger, result.ingested);

    expect(await first).toEqual({
      data: {
        requestCompleted: {
          requestId: forOne.requestId, organizationId: orgId, projectId: p1, apiKeyId: "key_1", providerId: "openai", model: "gpt-4o-mini", endpoint: "chat.completions",
          keySource: "byok", status: "success", httpStatus: 200, errorCode: null, promptTokens: 12, completionTokens: 3, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false,
          costTotal: "0.0000125", markup: "0.000000625", amountBilled: "0.000000625", latencyMs: 80, timeToFirstTokenMs: 40, attempts: 1, createdAt: "2025-07-01T12:00:01.000Z",
        },
      },
    });
    expect(await second).toMatchObject({ data: { requestCompleted: { requestId: forTwo.requestId, projectId: p2 } } });

    // A later request of project two only reaches its own subscriber.
    const again = usageEvent(orgId, p2, "key_2", spec);
    const third = two.next();
    await publishIngested(h.deps.redis, h.deps.redisPrefix, logger, [again]);
    expect(await third).toMatchObject({ data: { requestCompleted: { requestId: again.requestId } } });
    const late = usageEvent(orgId, p1, "key_1", spec);
    const fourth = one.next();
    await publishIngested(h.deps.redis, h.deps.redisPrefix, logger, [late]);
    expect(await fourth).toMatchObject({ data: { requestCompleted: { requestId: late.requestId } } });

    await one.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await subscribers()).toBe(1);
    await two.close();
    await expect.poll(subscribers, { timeout: 5000 }).toBe(0);
  });

  it("ignores another organization's request that names the project", async () => {
    const sse = await subscribe(p1, viewer);
    const received = sse.next();
    await expect.poll(subscribers, { timeout: 5000 }).toBe(1);
    const spec = { at: "2025-07-01T12:00:00.000Z", provider: "openai", model: "m", keySource: "credits" as const, prompt: 1, completion: 1, cost: "0.1", latency: 1 };
    const forged = usageEvent("org_other", p1, "key_x", spec);
    const genuine = usageEvent(orgId, p1, "key_1", spec);
    await publishIngested(h.deps.redis, h.deps.redisPrefix, logger, [forged, genuine]);
    expect(await received).toMatchObject({ data: { requestCompleted: { requestId: genuine.requestId } } });
    await sse.close();
    await expect.poll(subscribers, { timeout: 5000 }).toBe(0);
  });

  it("refuses outsiders, unknown projects and anonymous callers without subscribing", async () => {
    const codes = async (projectId: string, as?: TestUser) => {
      const sse = await subscribe(projectId, as);
      const first = await sse.next();
      expect(first).not.toBe("complete");
      expect(await sse.next()).toBe("complete");
      return first === "complete" ? [] : first.errors?.map((e) => e.extensions?.code);
    };
    expect(await codes(p1, outsider)).toEqual(["NOT_FOUND"]);
    expect(await codes("prj_nope", viewer)).toEqual(["NOT_FOUND"]);
    expect(await codes(p1)).toEqual(["UNAUTHENTICATED"]);
    expect(await subscribers()).toBe(0);
  });

  it("unsubscribes when an HTTP client disconnects", async () => {
    const server = createServer(h.yoga);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", authorization: viewer.authorization },
      body: JSON.stringify({ query: SUBSCRIPTION, variables: { projectId: p1 } }),
      signal: abort.signal,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    await expect.poll(subscribers, { timeout: 5000 }).toBe(1);
    abort.abort();
    await expect.poll(subscribers, { timeout: 5000 }).toBe(0);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
});
