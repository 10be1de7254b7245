// How sessions end besides the client closing: credits running out mid-session, after a response
// or an input audio transcription (4402 after an `error` event), an upstream that closes
// normally (its code passed on), a client that leaves mid-response or an idle timeout during a
// stuck response (the response is cancelled upstream and its final usage billed), and the
// gateway shutting down (1001 both ways); responses the gateway cut off are recorded by why, not
// as client aborts.
import { startRealtimeMock, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { CANCEL_GRACE_MS } from "./session.ts";
import { isRefused, openRealtime, type RealtimeTestClient } from "./test-client.ts";

let rt: RealtimeMock;
let h: Harness;

beforeAll(async () => {
  rt = await startRealtimeMock({ eventDelayMs: 5 });
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` } });
}, 60_000);
afterAll(async () => {
  await h.close();
  await rt.close();
});
beforeEach(async () => {
  rt.reset();
  h.events.length = 0;
  await h.setBalance("100");
});

async function open(harness: Harness, mode: "credits" | "byok" | "hybrid" = "credits"): Promise<RealtimeTestClient> {
  const c = await openRealtime(`${harness.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`, { key: await harness.project(mode) });
  if (isRefused(c)) throw new Error(JSON.stringify(c.body));
  await c.next("session.created");
  return c;
}

describe("realtime session endings", () => {
  it("closes a credits session with 4402 once a billed response leaves the organization without credit", async () => {
    const c = await open(h);
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.done");
    expect(c.ws.readyState).toBe(c.ws.OPEN); // credit left: the session goes on

    await h.setBalance("0"); // as the worker would after billing
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.done");
    expect((await c.next("error")).error).toMatchObject({ type: "insufficient_quota", code: "insufficient_credits" });
    expect(await c.closed).toEqual({ code: 4402, reason: "credits exhausted" });
    await expect.poll(() => rt.openConnections()).toBe(0);
    expect(rt.sessions[0]!.closed).toMatchObject({ code: 1000, reason: "credits exhausted" });
    expect(h.events).toHaveLength(2); // both responses billed
  });

  it("closes a credits session with 4402 once a billed input audio transcription leaves the organization without credit", async () => {
    const c = await open(h);
    c.send({ type: "session.update", session: { type: "realtime", audio: { input: { transcription: { model: "whisper-1" } } } } });
    await c.next("session.updated");
    await h.setBalance("0");
    c.send({ type: "input_audio_buffer.append", audio: Buffer.alloc(9_600).toString("base64") });
    c.send({ type: "input_audio_buffer.commit" });
    await c.next("conversation.item.input_audio_transcription.completed");
    expect((await c.next("error")).error).toMatchObject({ type: "insufficient_quota", code: "insufficient_credits" });
    expect(await c.closed).toEqual({ code: 4402, reason: "credits exhausted" });
    await expect.poll(() => rt.openConnections()).toBe(0);
    expect(rt.sessions[0]!.closed).toMatchObject({ code: 1000, reason: "credits exhausted" });
    expect(h.events).toMatchObject([{ endpoint: "realtime", model: "whisper-1" }]); // the transcription, billed
  });

  it("a response still running when credits run out and the upstream ignores the cancel: estimated after the grace, recorded as insufficient credits, not a client abort", async () => {
    const c = await open(h);
    c.send({ type: "session.update", session: { type: "realtime", audio: { input: { transcription: { model: "whisper-1" } } } } });
    await c.next("session.updated");
    rt.enqueueResponse({ text: "Words before the credits run out.", hang: true, ignoreCancel: true });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.output_text.delta");
    await h.setBalance("0");
    c.send({ type: "input_audio_buffer.append", audio: Buffer.alloc(9_600).toString("base64") });
    c.send({ type: "input_audio_buffer.commit" });
    expect(await c.closed).toEqual({ code: 4402, reason: "credits exhausted" });
    await expect.poll(() => rt.openConnections(), { timeout: CANCEL_GRACE_MS + 2_000 }).toBe(0);
    expect(rt.sessions[0]!.events.map((e) => e.type)).toContain("response.cancel");
    await expect.poll(() => h.events.length).toBe(2);
    const response = h.events.find((e) => e.model === "gpt-realtime")!;
    expect(response).toMatchObject({ status: "client_error", httpStatus: 402, errorCode: "insufficient_credits", usageEstimated: true });
    expect(response.completionTokens).toBeGreaterThan(0);
  }, 20_000);

  it("a BYOK session is not closed for lack of credits", async () => {
    await h.setOrgKey("openai", "sk-org-openai-close-test");
    await h.setBalance("0");
    const c = await open(h, "byok");
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.done");
    await expect.poll(() => h.events.length).toBe(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.ws.readyState).toBe(c.ws.OPEN);
    c.ws.close();
    await c.closed;
  });

  it("a client leaving mid-response: the response is cancelled upstream and what it produced is billed", async () => {
    const c = await open(h);
    rt.enqueueResponse({ hang: true });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.output_text.delta");
    c.ws.terminate();
    await expect.poll(() => rt.openConnections()).toBe(0);
    expect(rt.sessions[0]!.events.map((e) => e.type)).toEqual(["response.create", "response.cancel"]);
    expect(rt.sessions[0]!.responses).toMatchObject([{ status: "cancelled" }]);
    await expect.poll(() => h.events.length).toBe(1);
    expect(h.events[0]).toMatchObject({ status: "client_abort", usageEstimated: false, requestId: expect.stringContaining(`.${rt.sessions[0]!.responses[0]!.id}`) });
    expect(Number(h.events[0]!.amountBilled)).toBeGreaterThan(0);
  });

  it("passes close codes on: the upstream's normal close to the client, the client's own code upstream", async () => {
    const c = await open(h);
    rt.closeAll(1000, "session time limit reached");
    expect(await c.closed).toEqual({ code: 1000, reason: "session time limit reached" });

    const d = await open(h);
    d.ws.close(4000, "done here");
    await d.closed;
    await expect.poll(() => rt.sessions.at(-1)!.closed).toMatchObject({ code: 4000, reason: "client closed" });
    expect(h.events).toHaveLength(0); // no response, nothing billed
  });

  it("the idle timeout with a response hanging: cancelled upstream, its usage billed, then 4408 and 1000", async () => {
    const idle = await startHarness({ baseUrls: { openai: `${rt.url}/v1` }, realtimeIdleSeconds: 1 });
    try {
      const c = await open(idle);
      rt.enqueueResponse({ hang: true });
      c.send({ type: "response.create", response: { output_modalities: ["text"] } });
      expect(await c.closed).toEqual({ code: 4408, reason: "idle timeout" });
      await expect.poll(() => rt.openConnections()).toBe(0);
      const upstream = rt.sessions.at(-1)!;
      expect(upstream.events.map((e) => e.type)).toEqual(["response.create", "response.cancel"]);
      expect(upstream.closed).toMatchObject({ code: 1000, reason: "idle timeout" });
      await expect.poll(() => idle.events.length).toBe(1);
      // Cut off by the gateway, not the client: a stalled upstream, named by its code.
      expect(idle.events[0]).toMatchObject({ status: "upstream_error", httpStatus: 504, errorCode: "idle_timeout", usageEstimated: false, requestId: expect.stringContaining(upstream.responses[0]!.id) });
    } finally {
      await idle.close();
    }
  });

  it("gateway shutdown closes sessions with 1001 both ways", async () => {
    const own = await startHarness({ baseUrls: { openai: `${rt.url}/v1` } });
    const c = await open(own);
    await own.close();
    expect(await c.closed).toEqual({ code: 1001, reason: "gateway shutting down" });
    await expect.poll(() => rt.openConnections()).toBe(0);
    expect(rt.sessions.at(-1)!.closed).toMatchObject({ code: 1001 });
  });
});
