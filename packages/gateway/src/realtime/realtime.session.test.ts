// A full realtime session through the gateway with a `ws` client speaking OpenAI's protocol:
// authentication (header, subprotocol, refused before the upgrade), session.update, a text
// response with deltas, an audio response, and each response billed once with its own usage.
import { request } from "node:http";
import { countTextTokens } from "@switchyard/metering";
import { Decimal } from "decimal.js";
import { startRealtimeMock, REALTIME_DEFAULT_REPLY, type RealtimeMock } from "@switchyard/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../testing/harness.ts";
import { requestIdPart } from "./billing-id.ts";
import { isRefused, openRealtime, type RealtimeTestClient, type ServerEvent } from "./test-client.ts";

let rt: RealtimeMock;
let h: Harness;
let key: string;

beforeAll(async () => {
  rt = await startRealtimeMock();
  h = await startHarness({ baseUrls: { openai: `${rt.url}/v1` } });
  key = await h.project("credits");
}, 60_000);
afterAll(async () => {
  await h.close();
  await rt.close();
});
beforeEach(() => {
  rt.reset();
  h.events.length = 0;
});

const wsUrl = (model = "gpt-realtime", base = "/v1") => `${h.url.replace("http", "ws")}${base}/realtime?model=${model}`;

async function connect(options: Parameters<typeof openRealtime>[1] = {}, url = wsUrl()): Promise<RealtimeTestClient> {
  const client = await openRealtime(url, { key, ...options });
  if (isRefused(client)) throw new Error(`refused: ${client.status} ${JSON.stringify(client.body)}`);
  return client;
}

/** response.usage as the Realtime API reports it. */
interface Usage {
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  input_token_details: { text_tokens: number; audio_tokens: number; cached_tokens: number; cached_tokens_details: { text_tokens: number; audio_tokens: number } };
  output_token_details: { text_tokens: number; audio_tokens: number };
}

/** gpt-realtime at OpenAI, USD per million tokens, applied by hand to the usage the client saw. */
function expectedCost(usage: Usage): Decimal {
  const d = usage.input_token_details;
  const o = usage.output_token_details;
  const perM = (tokens: number, usd: string) => new Decimal(usd).times(tokens).div(1_000_000);
  return perM(d.text_tokens - d.cached_tokens_details.text_tokens, "4")
    .plus(perM(d.cached_tokens_details.text_tokens, "0.40"))
    .plus(perM(d.audio_tokens - d.cached_tokens_details.audio_tokens, "32"))
    .plus(perM(d.cached_tokens_details.audio_tokens, "0.40"))
    .plus(perM(o.text_tokens, "16"))
    .plus(perM(o.audio_tokens, "64"));
}

async function waitForEvents(count: number): Promise<void> {
  for (let i = 0; i < 1_000 && h.events.length < count; i++) await new Promise((r) => setTimeout(r, 10));
}

describe("GET /v1/realtime", () => {
  it("relays a full session: session.update, a text response with deltas, an audio response; each billed once", async () => {
    const c = await connect();
    expect(c.headers["x-switchyard-provider"]).toBe("openai");
    expect(c.headers["x-switchyard-key-source"]).toBe("credits");
    expect(c.headers["x-switchyard-request-id"]).toMatch(/^req_/);
    const sessionId = c.headers["x-switchyard-request-id"] as string;
    expect((await c.next("session.created")).session).toMatchObject({ model: "gpt-realtime", object: "realtime.session" });

    c.send({ type: "session.update", session: { type: "realtime", instructions: "Be brief.", output_modalities: ["text"] } });
    expect((await c.next("session.updated")).session).toMatchObject({ instructions: "Be brief.", output_modalities: ["text"] });
    c.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: "Hello there, how are you today?" }] } });
    await c.next("conversation.item.created");
    c.send({ type: "response.create" });
    const done = await c.next("response.done");
    const deltas = c.events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta).join("");
    expect(deltas).toBe(REALTIME_DEFAULT_REPLY);
    const response = done.response as { id: string; usage: Usage };
    expect(response.usage.output_token_details.text_tokens).toBeGreaterThan(0);

    // The upstream saw the house key, and every client event in order.
    expect(rt.sessions).toHaveLength(1);
    expect(rt.sessions[0]).toMatchObject({ key: "house-openai", authVia: "bearer", model: "gpt-realtime" });
    expect(rt.sessions[0]!.events.map((e) => e.type)).toEqual(["session.update", "conversation.item.create", "response.create"]);

    await waitForEvents(1);
    expect(h.events).toHaveLength(1);
    const first = h.events[0]!;
    expect(first).toMatchObject({
      requestId: `${sessionId}.${response.id}`,
      endpoint: "realtime",
      providerId: "openai",
      model: "gpt-realtime",
      keySource: "credits",
      status: "success",
      promptTokens: response.usage.input_tokens,
      completionTokens: response.usage.output_tokens,
      usageEstimated: false,
      priced: true,
    });
    expect(first.requestId).not.toContain(":"); // the BullMQ job id: ":" is refused there
    expect(first.cost.total).toBe(expectedCost(response.usage).toFixed(10));
    expect(first.amountBilled).toBe(first.cost.total);
    expect(first.units).toBeUndefined(); // text only
    // The client's response.done carries the cost in its usage, as chat's usage does: what was billed.
    expect(response.usage).toMatchObject({
      cost_usd_total: Number(first.cost.total),
      cost_usd_output: Number(first.cost.output),
      cost: Number(first.amountBilled),
      billed_usd: Number(first.amountBilled),
      markup_usd: Number(first.markup),
      cost_details: { upstream_inference_cost: Number(first.cost.total) },
      key_source: "credits",
      is_byok: false,
      usage_estimated: false,
      cost_priced: true,
    });
    // Every other frame passed through untouched: the deltas are the mock's own events, in order.
    expect(c.events.map((e) => e.type)).toEqual(["session.created", "session.updated", "conversation.item.created", "response.created", "response.output_item.added", "response.content_part.added", ...deltas.split(/(?<= )/).map(() => "response.output_text.delta"), "response.output_text.done", "response.content_part.done", "response.output_item.done", "response.done"]);

    // An audio response: audio deltas, audio output tokens at the audio price, the first prompt now cached.
    c.send({ type: "response.create", response: { output_modalities: ["audio"] } });
    const audioDone = await c.next("response.done");
    expect(c.events.some((e) => e.type === "response.output_audio.delta")).toBe(true);
    const audio = audioDone.response as { id: string; usage: Usage };
    expect(audio.usage.output_token_details.audio_tokens).toBeGreaterThan(0);
    expect(audio.usage.input_token_details.cached_tokens).toBeGreaterThan(0);
    await waitForEvents(2);
    const second = h.events[1]!;
    expect(second.requestId).toBe(`${sessionId}.${audio.id}`);
    expect(second.units).toMatchObject({ audioOutputTokens: audio.usage.output_token_details.audio_tokens });
    expect(second.cost.total).toBe(expectedCost(audio.usage).toFixed(10));
    expect(second.cost.audio).toBe(new Decimal(audio.usage.output_token_details.audio_tokens).times(64).div(1_000_000).toFixed(10));
    expect(audio.usage).toMatchObject({ cost_usd_total: Number(second.cost.total), cost_usd_audio: Number(second.cost.audio), billed_usd: Number(second.amountBilled) });
    expect(second.cachedTokens).toBe(audio.usage.input_token_details.cached_tokens);

    c.ws.close(1000, "bye");
    expect(await c.closed).toMatchObject({ code: 1000 });
    await expect.poll(() => rt.openConnections()).toBe(0);
    expect(rt.sessions[0]!.closed).toMatchObject({ code: 1000 });
    expect(h.events).toHaveLength(2);
  });

  it("a response id with characters a job id may not hold: created and done meet, billed once under a safe request id", async () => {
    const c = await connect();
    const sessionId = c.headers["x-switchyard-request-id"] as string;
    await c.next("session.created");
    rt.enqueueResponse({ id: "resp:abc/1" });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    const done = await c.next("response.done");
    expect((done.response as { id: string }).id).toBe("resp:abc/1");
    c.ws.close();
    await c.closed;
    await expect.poll(() => rt.openConnections()).toBe(0);
    await waitForEvents(1);
    await new Promise((r) => setTimeout(r, 50)); // an estimate at the session's end would come now
    expect(h.events).toHaveLength(1);
    expect(h.events[0]).toMatchObject({ requestId: `${sessionId}.${requestIdPart("resp:abc/1")}`, status: "success", usageEstimated: false });
    expect(h.events[0]!.requestId).not.toMatch(/[:/]/);
  });

  it("authenticates by the openai-insecure-api-key subprotocol, answers `realtime`, and never sends the key upstream", async () => {
    const c = await connect({ key: undefined, protocols: ["realtime", `openai-insecure-api-key.${key}`, "openai-beta.realtime-v1"] }, wsUrl("gpt-realtime", "/api/v1"));
    expect(c.ws.protocol).toBe("realtime");
    await c.next("session.created");
    // The house key as a header; no subprotocol upstream; the beta interface asked for by header.
    expect(rt.sessions[0]).toMatchObject({ key: "house-openai", authVia: "bearer", protocols: [], headers: { "openai-beta": "realtime=v1" } });
    expect(JSON.stringify(rt.sessions[0]!.headers)).not.toContain(key);
    c.ws.close();
    await c.closed;
  });

  it("relays binary frames both ways, and invalid client events get OpenAI's error event", async () => {
    const c = await connect();
    await c.next("session.created");
    c.ws.send(Buffer.from(JSON.stringify({ type: "input_audio_buffer.append", audio: Buffer.alloc(9600).toString("base64") })), { binary: true });
    c.send({ type: "input_audio_buffer.commit" });
    await c.next("input_audio_buffer.committed");
    expect(rt.sessions[0]!.frames).toEqual({ text: 1, binary: 1 });
    rt.enqueueResponse({ binary: Buffer.from([1, 2, 3, 4]) });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    await c.next("response.done");
    expect(c.binary).toEqual([Buffer.from([1, 2, 3, 4])]);

    c.send({ type: "response.creat" });
    expect((await c.next("error")).error).toMatchObject({ type: "invalid_request_error", code: "invalid_value", param: "type" });
    await waitForEvents(1);
    expect(h.events[0]!.units).toMatchObject({ audioInputTokens: 2 });
    c.ws.close();
    await c.closed;
  });

  it("bills input audio transcription at the transcription model's prices: tokens (gpt-4o-transcribe) and seconds (whisper-1)", async () => {
    const c = await connect();
    const sessionId = c.headers["x-switchyard-request-id"] as string;
    await c.next("session.created");
    const transcribeWith = async (model: string) => {
      c.send({ type: "session.update", session: { type: "realtime", audio: { input: { transcription: { model } } } } });
      await c.next("session.updated");
      c.send({ type: "input_audio_buffer.append", audio: Buffer.alloc(9_600).toString("base64") }); // 200 ms
      c.send({ type: "input_audio_buffer.commit" });
      return c.next("conversation.item.input_audio_transcription.completed");
    };
    const tokens = await transcribeWith("gpt-4o-transcribe");
    const usage = tokens.usage as { type: string; input_tokens: number; output_tokens: number; input_token_details: { audio_tokens: number } };
    expect(usage).toMatchObject({ type: "tokens", input_tokens: 2, input_token_details: { audio_tokens: 2 } });
    await waitForEvents(1);
    expect(h.events[0]).toMatchObject({ requestId: `${sessionId}.${tokens.item_id as string}.transcription-0`, endpoint: "realtime", model: "gpt-4o-transcribe", promptTokens: 2, completionTokens: usage.output_tokens, usageEstimated: false, keySource: "credits", units: { audioInputTokens: 2 } });
    // USD 6 per million audio input tokens, 10 per million output tokens.
    expect(h.events[0]!.cost.total).toBe(new Decimal(2).times(6).plus(new Decimal(usage.output_tokens).times(10)).div(1_000_000).toFixed(10));
    // The client's event carries what was billed in its usage, as response.done does.
    expect(usage).toMatchObject({ cost_usd_total: Number(h.events[0]!.cost.total), billed_usd: Number(h.events[0]!.amountBilled), key_source: "credits", usage_estimated: false, cost_priced: true });

    const seconds = await transcribeWith("whisper-1");
    await waitForEvents(2);
    expect(h.events[1]).toMatchObject({ requestId: `${sessionId}.${seconds.item_id as string}.transcription-0`, model: "whisper-1" });
    expect(h.events[1]!.cost.total).toBe(new Decimal("0.006").times("0.2").div(60).toFixed(10)); // USD 0.006 a minute
    const { type, seconds: duration, ...cost } = seconds.usage as Record<string, unknown>;
    expect({ type, seconds: duration }).toEqual({ type: "duration", seconds: 0.2 });
    expect(cost).toMatchObject({ cost_usd_total: Number(h.events[1]!.cost.total), billed_usd: Number(h.events[1]!.amountBilled), usage_estimated: false });
    c.ws.close();
    await c.closed;
    expect(h.events).toHaveLength(2); // no response: only the transcriptions
  });

  it("refuses before the upgrade with OpenAI's envelope: bad key 401, no model 400, a chat model 400, other paths 404, a malformed handshake 400", async () => {
    const bad = await openRealtime(wsUrl(), { key: "sy-nope-nope" });
    expect(bad).toMatchObject({ refused: true, status: 401, body: { error: { code: "invalid_api_key", type: "invalid_request_error" } } });
    const noKey = await openRealtime(wsUrl(), {});
    expect(noKey).toMatchObject({ refused: true, status: 401 });
    const noModel = await openRealtime(`${h.url.replace("http", "ws")}/v1/realtime`, { key });
    expect(noModel).toMatchObject({ refused: true, status: 400, body: { error: { param: "model" } } });
    const chat = await openRealtime(wsUrl("gpt-4o-mini"), { key });
    expect(chat).toMatchObject({ refused: true, status: 400, body: { error: { code: "wrong_model_kind" } } });
    const elsewhere = await openRealtime(`${h.url.replace("http", "ws")}/v1/chat/completions`, { key });
    expect(elsewhere).toMatchObject({ refused: true, status: 404 });
    const malformed = await new Promise<number>((resolve) => {
      // An upgrade request without Sec-WebSocket-Key: refused before any upstream is dialled.
      const req = request(`${h.url}/v1/realtime?model=gpt-realtime`, { headers: { connection: "Upgrade", upgrade: "websocket", authorization: `Bearer ${key}` } });
      req.on("response", (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(malformed).toBe(400);
    expect(rt.sessions).toHaveLength(0);
    expect(h.events).toHaveLength(0);
  });

  it("closes both sides after the idle timeout with 4408", async () => {
    const idle = await startHarness({ baseUrls: { openai: `${rt.url}/v1` }, realtimeIdleSeconds: 1 });
    try {
      const c = await openRealtime(`${idle.url.replace("http", "ws")}/v1/realtime?model=gpt-realtime`, { key: await idle.project("credits") });
      if (isRefused(c)) throw new Error("refused");
      await c.next("session.created");
      expect(await c.closed).toEqual({ code: 4408, reason: "idle timeout" });
      await expect.poll(() => rt.openConnections()).toBe(0);
      expect(rt.sessions.at(-1)!.closed).toMatchObject({ code: 1000, reason: "idle timeout" });
    } finally {
      await idle.close();
    }
  });

  it("an upstream that drops mid-response: the client gets an error event, then 1011; the text relayed is billed as an estimate", async () => {
    const c = await connect();
    await c.next("session.created");
    rt.enqueueResponse({ text: "Counting the relayed words one by one.", dropAfterEvents: 6 });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    const error: ServerEvent = await c.next("error");
    expect(error.error).toMatchObject({ type: "server_error", code: "upstream_disconnected" });
    expect(await c.closed).toMatchObject({ code: 1011 });
    // The response never reported usage: its output is estimated from the deltas the client got.
    const relayed = c.events.filter((e) => e.type === "response.output_text.delta").map((e) => e.delta as string).join("");
    expect(relayed).toBe("Counting the relayed ");
    const tokens = countTextTokens(relayed);
    await waitForEvents(1);
    expect(h.events).toHaveLength(1);
    const event = h.events[0]!;
    expect(event).toMatchObject({ endpoint: "realtime", status: "upstream_error", errorCode: "upstream_disconnected", usageEstimated: true, priced: true, promptTokens: 0, completionTokens: tokens });
    expect(event.requestId).toBe(`${c.headers["x-switchyard-request-id"] as string}.${(c.events.find((e) => e.type === "response.created")!.response as { id: string }).id}`);
    expect(event.amountBilled).toBe(new Decimal(tokens).times(16).div(1_000_000).toFixed(10));
  });

  it("a response cut off after an earlier one reported usage: its input is estimated as that response's input and output plus the user text added since, at the text input price", async () => {
    const c = await connect();
    await c.next("session.created");
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    const first = (await c.next("response.done")).response as { usage: Usage };
    const question = "And what would you say about the weather in Lisbon tomorrow?";
    c.send({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: question }] } });
    await c.next("conversation.item.created");
    rt.enqueueResponse({ text: "Sunny with a light breeze.", dropAfterEvents: 6 });
    c.send({ type: "response.create", response: { output_modalities: ["text"] } });
    expect(await c.closed).toMatchObject({ code: 1011 });
    const secondId = (c.events.filter((e) => e.type === "response.created").at(-1)!.response as { id: string }).id;
    const relayed = c.events.filter((e) => e.type === "response.output_text.delta" && e.response_id === secondId).map((e) => e.delta as string).join("");
    expect(relayed).not.toBe("");
    await waitForEvents(2);
    const cut = h.events.find((e) => e.usageEstimated)!;
    const promptTokens = first.usage.input_tokens + first.usage.output_tokens + countTextTokens(question);
    expect(promptTokens).toBeGreaterThan(first.usage.input_tokens + first.usage.output_tokens);
    const completionTokens = countTextTokens(relayed);
    expect(cut).toMatchObject({ status: "upstream_error", errorCode: "upstream_disconnected", promptTokens, completionTokens, cachedTokens: 0 });
    expect(cut.units).toBeUndefined(); // no audio in the conversation: all of it priced as text
    expect(cut.amountBilled).toBe(new Decimal(promptTokens).times(4).plus(new Decimal(completionTokens).times(16)).div(1_000_000).toFixed(10));
  });

  it("an upstream that vanishes mid audio response: the relayed audio billed at 1 token per 50 ms, the transcript as text", async () => {
    const c = await connect();
    await c.next("session.created");
    // 3 words: created, item, part, then per word an audio delta (4,800 bytes = 100 ms) and a transcript delta.
    rt.enqueueResponse({ text: "one two three", hang: true });
    c.send({ type: "response.create", response: { output_modalities: ["audio"] } });
    await c.next("response.output_audio_transcript.delta");
    await c.next("response.output_audio_transcript.delta");
    await c.next("response.output_audio_transcript.delta");
    rt.dropAll(); // the upstream vanishes before any response.done
    expect(await c.closed).toMatchObject({ code: 1011 });
    const audioBytes = c.events.filter((e) => e.type === "response.output_audio.delta").reduce((n, e) => n + Buffer.from(e.delta as string, "base64").length, 0);
    expect(audioBytes).toBe(3 * 4_800);
    const transcript = c.events.filter((e) => e.type === "response.output_audio_transcript.delta").map((e) => e.delta as string).join("");
    await waitForEvents(1);
    const event = h.events[0]!;
    const audioTokens = 6; // 300 ms of PCM16 at 24 kHz, 1 token per 50 ms
    expect(event).toMatchObject({ status: "upstream_error", usageEstimated: true, completionTokens: countTextTokens(transcript) + audioTokens, units: { audioOutputTokens: audioTokens } });
    expect(event.cost.audio).toBe(new Decimal(audioTokens).times(64).div(1_000_000).toFixed(10));
    expect(event.amountBilled).toBe(new Decimal(audioTokens).times(64).plus(new Decimal(countTextTokens(transcript)).times(16)).div(1_000_000).toFixed(10));
  });
});
