// The estimate of a response's input: the last reported context plus what the client added since.
import { countTextTokens, type NormalizedUsage } from "@switchyard/metering";
import { describe, expect, it } from "vitest";
import { ConversationInput } from "./input.ts";
import { ResponseProgress } from "./progress.ts";

const frame = (event: unknown) => Buffer.from(JSON.stringify(event));
const userText = (text: string) => frame({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text }] } });
const append = (bytes: number) => frame({ type: "input_audio_buffer.append", audio: Buffer.alloc(bytes, 0xff).toString("base64") });
const usage = (u: Partial<NormalizedUsage>): NormalizedUsage => ({ promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false, ...u });

describe("ConversationInput", () => {
  it("before any usage: the session's instructions and the items added, text with the tokenizer", () => {
    const input = new ConversationInput();
    expect(input.estimate()).toEqual({ tokens: 0, audioTokens: 0 });
    input.session({ instructions: "Be brief and kind." });
    input.client(userText("What is the capital of France?"));
    input.client(frame({ type: "conversation.item.create", item: { type: "function_call_output", call_id: "c", output: '{"temp":21}' } }));
    input.client(frame({ type: "response.create", response: { instructions: "ignored: not the conversation" } }));
    expect(input.estimate()).toEqual({ tokens: countTextTokens("Be brief and kind.") + countTextTokens("What is the capital of France?") + countTextTokens('{"temp":21}'), audioTokens: 0 });
  });

  it("after a response.done: its input plus output (audio parts as audio), plus what was added since, cached tokens not discounted", () => {
    const input = new ConversationInput();
    input.session({ instructions: "Counted only until a response reports usage." });
    input.client(userText("first"));
    input.responded(usage({ promptTokens: 120, completionTokens: 30, cachedTokens: 100, audioInputTokens: 40, audioOutputTokens: 25 }));
    expect(input.estimate()).toEqual({ tokens: 150, audioTokens: 65 });
    input.client(userText("And of Italy?"));
    expect(input.estimate()).toEqual({ tokens: 150 + countTextTokens("And of Italy?"), audioTokens: 65 });
    input.responded(usage({ promptTokens: 200, completionTokens: 10 }));
    expect(input.estimate()).toEqual({ tokens: 210, audioTokens: 0 });
  });

  it("appended audio counts once committed, at 1 token per 100 ms (a started 100 ms counts); a clear drops it", () => {
    const input = new ConversationInput();
    input.client(append(24_000)); // 500 ms of PCM16 at 24 kHz, read from the frame's head
    expect(input.estimate()).toEqual({ tokens: 0, audioTokens: 0 });
    input.upstream(frame({ type: "input_audio_buffer.committed", item_id: "i1" }), "input_audio_buffer.committed");
    expect(input.estimate()).toEqual({ tokens: 5, audioTokens: 5 });
    input.client(append(4_800));
    input.client(append(1));
    input.upstream(frame({ type: "input_audio_buffer.committed", item_id: "i2" }), "input_audio_buffer.committed");
    expect(input.estimate()).toEqual({ tokens: 7, audioTokens: 7 });
    input.client(append(48_000));
    input.client(frame({ type: "input_audio_buffer.clear" }));
    input.upstream(frame({ type: "input_audio_buffer.committed", item_id: "i3" }), "input_audio_buffer.committed");
    input.client(append(48_000));
    input.upstream(frame({ type: "input_audio_buffer.cleared" }), "input_audio_buffer.cleared");
    input.upstream(frame({ type: "input_audio_buffer.committed", item_id: "i4" }), "input_audio_buffer.committed");
    expect(input.estimate()).toEqual({ tokens: 7, audioTokens: 7 });
  });

  it("an escaped append is parsed instead, to the same count", () => {
    const input = new ConversationInput();
    const audio = Buffer.alloc(4_800, 0xff).toString("base64").replaceAll("/", "\\/");
    input.client(Buffer.from(`{"type":"input_audio_buffer.append","audio":"${audio}"}`));
    input.upstream(frame({ type: "input_audio_buffer.committed" }), "input_audio_buffer.committed");
    expect(input.estimate()).toEqual({ tokens: 1, audioTokens: 1 });
  });

  it("server VAD: the speech the upstream detected, not the silence appended around it", () => {
    const input = new ConversationInput();
    input.client(append(480_000)); // 10 s streamed, mostly silence
    input.upstream(frame({ type: "input_audio_buffer.speech_started", audio_start_ms: 7_000, item_id: "i" }), "input_audio_buffer.speech_started");
    input.upstream(frame({ type: "input_audio_buffer.speech_stopped", audio_end_ms: 8_250, item_id: "i" }), "input_audio_buffer.speech_stopped");
    input.upstream(frame({ type: "input_audio_buffer.committed", item_id: "i" }), "input_audio_buffer.committed");
    expect(input.estimate()).toEqual({ tokens: 13, audioTokens: 13 }); // 1,250 ms
  });

  it("the input format: G.711 at 8 kHz (GA and beta), PCM16 at its rate; audio parts of items count too", () => {
    const input = new ConversationInput();
    input.session({ audio: { input: { format: { type: "audio/pcmu" } } } });
    input.client(append(8_000)); // one second
    input.upstream(frame({ type: "input_audio_buffer.committed" }), "input_audio_buffer.committed");
    expect(input.estimate().audioTokens).toBe(10);
    input.session({ input_audio_format: "g711_alaw" });
    input.client(frame({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_audio", audio: Buffer.alloc(4_000).toString("base64") }, { type: "input_text", text: "hi" }] } }));
    expect(input.estimate()).toEqual({ tokens: 15 + countTextTokens("hi"), audioTokens: 15 });
    input.session({ audio: { input: { format: { type: "audio/pcm", rate: 24_000 } } } });
    input.client(append(48_000));
    input.upstream(frame({ type: "input_audio_buffer.committed" }), "input_audio_buffer.committed");
    expect(input.estimate().audioTokens).toBe(25);
  });

  it("ignores malformed frames and other types", () => {
    const input = new ConversationInput();
    input.client(Buffer.from('{"type":"conversation.item.create","item":'));
    input.client(frame({ type: "conversation.item.create", item: "no" }));
    input.client(frame({ type: "input_audio_buffer.append", audio: 7 }));
    input.upstream(frame({ type: "input_audio_buffer.committed" }), "input_audio_buffer.committed");
    input.upstream(frame({ type: "conversation.item.create", item: { content: [{ type: "input_text", text: "from upstream" }] } }), "conversation.item.create");
    expect(input.estimate()).toEqual({ tokens: 0, audioTokens: 0 });
  });
});

describe("ResponseProgress with its input", () => {
  it("prompt tokens are the input it started with, the audio part priced as audio input", () => {
    const p = new ResponseProgress(0, 48_000, { tokens: 150, audioTokens: 65 });
    p.add({ responseId: "r", text: "Rome." });
    expect(p.estimate()).toEqual({ promptTokens: 150, completionTokens: countTextTokens("Rome."), cachedTokens: 0, reasoningTokens: 0, estimated: true, audioInputTokens: 65 });
  });
});
