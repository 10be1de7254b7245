// The relay under faults: 100 concurrent sessions whose clients vanish at random moments (before
// a response, in the middle of one, after it) or whose upstream drops mid-response leave no
// upstream socket open, bill every response the upstream reported exactly once and every
// response cut off by a drop once, on an estimate; a slow client slows the upstream read
// instead of growing the gateway's buffers.
import { countTextTokens } from "@switchyard/metering";
import { Decimal } from "decimal.js";
import { startRealtimeMock, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { HIGH_WATER_BYTES } from "./relay.ts";
import { isRefused, openRealtime, type RealtimeTestClient } from "./test-client.ts";
import { seededRandom as random } from "../testing/seeded-random.ts";

let rt: RealtimeMock;
let h: Harness;
let key: string;

beforeAll(async () => {
  rt = await startRealtimeMock({ eventDelayMs: 3 });
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` } });
  key = await h.project("credits");
}, 60_000);
afterAll(async () => {
  await h.close();
  await rt.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A response whose upstream dropped mid-way, as its client saw it. */
interface Dropped {
  responseId: string;
  /** The text deltas the client received before the drop. */
  relayed: string;
  /** The estimate of its input: the last reported response's input and output, plus the user text sent since. */
  promptTokens: number;
  /** Its audio part: the last reported response's input and output audio tokens. */
  audioInputTokens: number;
  /** Whether an earlier response of its session reported usage. */
  afterReported: boolean;
  error: unknown;
  closed: { code: number; reason: string };
}

async function session(i: number, next: () => number, dropped: Dropped[]): Promise<void> {
  const c = (await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`, { key })) as RealtimeTestClient;
  if (isRefused(c)) throw new Error(`session ${i} refused: ${JSON.stringify(c.body)}`);
  await c.next("session.created");
  const fate = next();
  const responses = 1 + Math.floor(next() * 3);
  for (let r = 0; r < responses; r++) {
    const last = r === responses - 1;
    const text = `Session ${i}, turn ${r}: tell me something.`;
    c.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] } });
    if (fate >= 0.25 && fate < 0.45 && last) {
      // The upstream drops after response.created and 1 to 5 text deltas.
      c.send({ type: "response.create", response: { output_modalities: ["text"], metadata: { drop_after: String(4 + Math.floor(next() * 5)) } } });
      const error = (await c.next("error", 20_000)).error;
      const closed = await c.closed;
      const responseId = (c.events.filter((e) => e.type === "response.created").at(-1)!.response as { id: string }).id;
      expect(c.events.filter((e) => e.type === "response.done")).toHaveLength(r); // the earlier turns only
      const relayed = c.events.filter((e) => e.type === "response.output_text.delta" && e.response_id === responseId).map((e) => e.delta as string).join("");
      type Usage = { input_tokens: number; output_tokens: number; input_token_details: { audio_tokens: number }; output_token_details: { audio_tokens: number } };
      const previous = (c.events.filter((e) => e.type === "response.done").at(-1)?.response as { usage: Usage } | undefined)?.usage;
      const promptTokens = (previous ? previous.input_tokens + previous.output_tokens : 0) + countTextTokens(text);
      const audioInputTokens = previous ? previous.input_token_details.audio_tokens + previous.output_token_details.audio_tokens : 0;
      dropped.push({ responseId, relayed, promptTokens, audioInputTokens, afterReported: previous !== undefined, error, closed });
      return;
    }
    c.send({ type: "response.create", response: { output_modalities: [next() < 0.5 ? "text" : "audio"] } });
    if (fate < 0.25 && last) {
      // Vanish mid-response: no close frame.
      await sleep(next() * 40);
      c.ws.terminate();
      return;
    }
    await c.next("response.done", 20_000);
  }
  if (fate < 0.7) c.ws.terminate();
  else c.ws.close(1000);
  await c.closed;
}

describe("realtime under faults", () => {
  it("100 concurrent sessions with random client disconnects and upstream drops: no upstream socket left open, every response billed exactly once", async () => {
    h.events.length = 0;
    rt.reset();
    rt.scriptResponse((_session, request) => {
      const after = (request.metadata as Record<string, string> | undefined)?.drop_after;
      return after === undefined ? undefined : { dropAfterEvents: Number(after) };
    });
    const next = random(9);
    const dropped: Dropped[] = [];
    await Promise.all(Array.from({ length: 100 }, (_, i) => session(i, next, dropped)));
    await expect.poll(() => rt.openConnections(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => h.realtime.sessions(), { timeout: 15_000 }).toBe(0);
    expect(rt.sessions).toHaveLength(100);

    const reported = rt.sessions.flatMap((s) => s.responses);
    expect(reported.length).toBeGreaterThanOrEqual(100);
    expect(reported.some((r) => r.status === "cancelled")).toBe(true); // clients that vanished mid-response
    await expect.poll(() => h.events.filter((e) => !e.usageEstimated).length, { timeout: 10_000 }).toBe(reported.length);
    const ids = h.events.map((e) => e.requestId);
    expect(new Set(ids).size).toBe(ids.length); // nothing billed twice
    for (const response of reported) {
      const billed = h.events.filter((e) => e.requestId.endsWith(`.${response.id}`));
      expect(billed).toHaveLength(1);
      expect(billed[0]!.promptTokens).toBe(response.usage.input_tokens);
      expect(billed[0]!.completionTokens).toBe(response.usage.output_tokens);
      expect(billed[0]!.status).toBe(response.status === "cancelled" ? "client_abort" : "success");
    }

    // Each client whose upstream dropped got an error event and 1011; its response is billed once, on the estimate of what it relayed.
    expect(dropped.length).toBeGreaterThanOrEqual(10);
    for (const d of dropped) {
      expect(d.error).toMatchObject({ type: "server_error", code: "upstream_disconnected" });
      expect(d.closed).toEqual({ code: 1011, reason: "upstream error" });
      const billed = h.events.filter((e) => e.requestId.endsWith(`.${d.responseId}`));
      expect(billed).toHaveLength(1);
      expect(billed[0]).toMatchObject({ status: "upstream_error", usageEstimated: true, promptTokens: d.promptTokens, completionTokens: countTextTokens(d.relayed) });
      expect(billed[0]!.units?.audioInputTokens ?? 0).toBe(d.audioInputTokens);
      // gpt-realtime, USD per million: input text 4, input audio 32, output text 16.
      const text = new Decimal(d.promptTokens - d.audioInputTokens).times(4).plus(new Decimal(countTextTokens(d.relayed)).times(16));
      expect(billed[0]!.amountBilled).toBe(text.plus(new Decimal(d.audioInputTokens).times(32)).div(1_000_000).toFixed(10));
    }
    expect(dropped.filter((d) => d.relayed !== "").length).toBeGreaterThan(dropped.length / 2); // most drops cut a response that had produced text
    expect(dropped.some((d) => d.afterReported)).toBe(true); // some drops came after a response that reported usage
    expect(dropped.some((d) => d.audioInputTokens > 0)).toBe(true); // some after an audio response
    // The other estimates: responses that had started when their client vanished and whose upstream closed before a final response.done.
    const estimated = h.events.filter((e) => e.usageEstimated);
    const cutByClients = estimated.filter((e) => !dropped.some((d) => e.requestId.endsWith(`.${d.responseId}`)));
    for (const e of cutByClients) expect(e).toMatchObject({ status: "client_abort", errorCode: null });
    expect(h.events).toHaveLength(reported.length + dropped.length + cutByClients.length);
  }, 120_000);

  it("a slow client pauses the upstream read: the gateway's buffer stays bounded and every event arrives in order", async () => {
    const fast = await startRealtimeMock();
    const slow = await startHarness({ baseUrls: { openai: `${fast.url}/v1` } });
    try {
      const c = (await openRealtime(`${slow.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`, { key: await slow.project("credits") })) as RealtimeTestClient;
      await c.next("session.created");
      c.ws.pause(); // stop reading: the kernel buffers fill, then the gateway must stop reading upstream
      // ~40 MB of audio deltas, sent by the upstream as fast as it can.
      fast.enqueueResponse({ text: Array.from({ length: 6_000 }, (_, i) => `w${i} `).join("") });
      c.send({ type: "response.create", response: { output_modalities: ["audio"] } });
      await expect.poll(() => slow.realtime.stats()[0]?.upstreamPaused, { timeout: 15_000 }).toBe(true);
      let largest = 0;
      for (let i = 0; i < 20; i++) {
        largest = Math.max(largest, slow.realtime.stats()[0]!.clientBuffered);
        await sleep(25);
      }
      // At most the high-water mark plus the one frame that crossed it.
      expect(largest).toBeLessThan(HIGH_WATER_BYTES + 64 * 1024);
      expect(fast.bufferedBytes()).toBeGreaterThan(4 * 1024 * 1024); // the upstream is the one holding the rest

      c.ws.resume();
      await c.next("response.done", 60_000);
      const transcript = c.events.filter((e) => e.type === "response.output_audio_transcript.delta").map((e) => e.delta as string);
      expect(transcript).toHaveLength(6_000);
      expect(transcript.every((word, i) => word === `w${i} `)).toBe(true);
      c.ws.close();
      await c.closed;
    } finally {
      await slow.close();
      await fast.close();
    }
  }, 120_000);
});
