// Reading usage from response.done, and finding the events to bill among relayed frames.
import { describe, expect, it } from "vitest";
import { billingEvent, realtimeUsage, withCostFields } from "./usage.ts";

const frame = (event: unknown) => Buffer.from(JSON.stringify(event));

describe("realtimeUsage", () => {
  it("maps the GA usage object: audio, cached audio and image tokens as parts of the totals", () => {
    const usage = {
      total_tokens: 1_500,
      input_tokens: 1_200,
      output_tokens: 300,
      input_token_details: { text_tokens: 700, audio_tokens: 400, image_tokens: 100, cached_tokens: 640, cached_tokens_details: { text_tokens: 512, audio_tokens: 128 } },
      output_token_details: { text_tokens: 60, audio_tokens: 240 },
    };
    expect(realtimeUsage(usage)).toEqual({
      promptTokens: 1_200,
      completionTokens: 300,
      cachedTokens: 640,
      reasoningTokens: 0,
      estimated: false,
      audioInputTokens: 400,
      cachedAudioTokens: 128,
      imageInputTokens: 100,
      audioOutputTokens: 240,
    });
  });

  it("text only: no unit fields; details larger than totals are clamped; bad counts are no usage", () => {
    expect(realtimeUsage({ input_tokens: 10, output_tokens: 5, input_token_details: { cached_tokens: 50 } })).toEqual({ promptTokens: 10, completionTokens: 5, cachedTokens: 10, reasoningTokens: 0, estimated: false });
    expect(realtimeUsage({ input_tokens: -1, output_tokens: 5 })).toBeNull();
    expect(realtimeUsage({ output_tokens: 5 })).toBeNull();
    expect(realtimeUsage(null)).toBeNull();
  });
});

describe("billingEvent", () => {
  it("finds response.created and response.done whatever the key order", () => {
    expect(billingEvent(frame({ type: "response.done", event_id: "e1", response: { id: "r1" } }))).toEqual({ type: "response.done", response: { id: "r1" }, event: { type: "response.done", event_id: "e1", response: { id: "r1" } } });
    expect(billingEvent(frame({ event_id: "e1", response: { id: "r1", output: [] }, type: "response.done" }))?.type).toBe("response.done");
    expect(billingEvent(frame({ type: "response.created", response: { id: "r1" } }))?.type).toBe("response.created");
  });

  it("ignores every other event, including text that quotes the event names", () => {
    expect(billingEvent(frame({ type: "response.output_text.delta", delta: 'say "response.done" and "response.created"' }))).toBeUndefined();
    expect(billingEvent(frame({ type: "session.updated", session: {} }))).toBeUndefined();
    expect(billingEvent(Buffer.from('{"type":"response.done",'))).toBeUndefined();
    expect(billingEvent(frame({ type: "response.done" }))).toBeUndefined(); // no response object
  });
});

describe("withCostFields", () => {
  it("adds the fields to response.usage and keeps the rest of the event; no usage object, no rewrite", () => {
    const event = { event_id: "e1", type: "response.done", response: { id: "r1", status: "completed", usage: { input_tokens: 3, output_tokens: 2 } } };
    expect(JSON.parse(withCostFields(event, event.response, { cost_usd_total: 0.5, usage_estimated: false })!)).toEqual({
      event_id: "e1",
      type: "response.done",
      response: { id: "r1", status: "completed", usage: { input_tokens: 3, output_tokens: 2, cost_usd_total: 0.5, usage_estimated: false } },
    });
    expect(withCostFields({ type: "response.done", response: { id: "r1", usage: null } }, { id: "r1", usage: null }, { cost_usd_total: 0 })).toBeUndefined();
  });
});
