// The realtime mock speaks OpenAI's GA protocol and checks what it receives: addresses and
// credentials (OpenAI and both Azure forms), client event validation with OpenAI's error
// events, the response event sequence with usage, cancellation, and its records.
import { WebSocket, type RawData } from "ws";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startRealtimeMock } from "./server.ts";
import type { RealtimeMock } from "./types.ts";

let mock: RealtimeMock;
beforeAll(async () => {
  mock = await startRealtimeMock({ validKeys: ["sk-good", "az-good"], deployments: { "my-rt": "gpt-realtime" } });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

/** response.usage as the Realtime API reports it. */
interface Usage {
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  input_token_details: { text_tokens: number; audio_tokens: number; cached_tokens: number; cached_tokens_details: { text_tokens: number; audio_tokens: number } };
  output_token_details: { text_tokens: number; audio_tokens: number };
}

/** A server event, read loosely: the test looks into it by path. */
interface Ev {
  type: string;
  error: Record<string, unknown>;
  session: Record<string, unknown>;
  response: { status: string; usage: Usage };
}

interface Conn {
  ws: WebSocket;
  events: Ev[];
  next(type: string): Promise<Ev>;
  closed: Promise<{ code: number; reason: string }>;
}

function open(path: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<Conn | { status: number; body: unknown }> {
  const ws = new WebSocket(`${mock.url.replace("http", "ws")}${path}`, options.protocols ?? [], { headers: options.headers });
  const events: Ev[] = [];
  const seen = new Set<object>();
  ws.on("message", (data: RawData) => events.push(JSON.parse(String(data)) as Ev));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })));
  const next = async (type: string) => {
    for (let i = 0; i < 500; i++) {
      const found = events.find((e) => e.type === type && !seen.has(e));
      if (found) {
        seen.add(found);
        return found;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`no ${type}; saw ${events.map((e) => e.type).join(",")}`);
  };
  return new Promise((resolve, reject) => {
    ws.on("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += String(c)));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    ws.on("open", () => resolve({ ws, events, next, closed }));
    ws.on("error", reject);
  });
}

async function session(path = "/v1/realtime?model=gpt-realtime", headers: Record<string, string> = { authorization: "Bearer sk-good" }): Promise<Conn> {
  const conn = await open(path, { headers });
  if (!("ws" in conn)) throw new Error(`refused ${conn.status}`);
  await conn.next("session.created");
  return conn;
}

describe("realtime mock: addresses and credentials", () => {
  it("OpenAI: Bearer or the insecure-api-key subprotocol; a wrong key gets an error event and close 3000", async () => {
    const a = await session();
    expect(a.events[0]).toMatchObject({ type: "session.created", session: { object: "realtime.session", model: "gpt-realtime", type: "realtime" } });
    a.ws.close();
    const b = await open("/v1/realtime?model=gpt-realtime", { protocols: ["realtime", "openai-insecure-api-key.sk-good"] });
    if (!("ws" in b)) throw new Error("refused");
    await b.next("session.created");
    b.ws.close();
    expect(mock.sessions.map((s) => s.authVia)).toEqual(["bearer", "subprotocol"]);

    const bad = await open("/v1/realtime?model=gpt-realtime", { headers: { authorization: "Bearer sk-bad" } });
    if (!("ws" in bad)) throw new Error("refused");
    expect((await bad.next("error")).error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
    expect(await bad.closed).toEqual({ code: 3000, reason: "invalid_request_error.invalid_api_key" });
    expect(await open("/v1/realtime", { headers: { authorization: "Bearer sk-good" } })).toMatchObject({ status: 400 });
  });

  it("Azure: the GA path and the dated path with api-key; a wrong key or deployment is refused in the handshake", async () => {
    const ga = await session("/openai/v1/realtime?model=my-rt", { "api-key": "az-good" });
    expect(ga.events[0]!.session).toMatchObject({ model: "gpt-realtime" });
    ga.ws.close();
    const dated = await session("/openai/realtime?api-version=2024-10-01-preview&deployment=my-rt", { "api-key": "az-good" });
    dated.ws.close();
    expect(mock.sessions.map((s) => [s.flavor, s.authVia])).toEqual([["azure", "api-key"], ["azure", "api-key"]]);
    expect(await open("/openai/realtime?api-version=2024-10-01-preview&deployment=my-rt", { headers: { "api-key": "wrong" } })).toMatchObject({ status: 401 });
    expect(await open("/openai/realtime?deployment=my-rt", { headers: { "api-key": "az-good" } })).toMatchObject({ status: 400 });
    expect(await open("/openai/v1/realtime?model=nope", { headers: { "api-key": "az-good" } })).toMatchObject({ status: 404, body: { error: { code: "DeploymentNotFound" } } });
    expect(await open("/openai/v1/realtime?model=my-rt", { headers: { authorization: "Bearer az-good" } })).toMatchObject({ status: 401 });
  });

  it("a scripted handshake refusal (429) and a scripted close after accepting", async () => {
    mock.enqueueConnect({ status: 429 }, { closeWith: { code: 1011, reason: "boom" } });
    expect(await open("/v1/realtime?model=gpt-realtime", { headers: { authorization: "Bearer sk-good" } })).toMatchObject({ status: 429, body: { error: { code: "rate_limit_exceeded" } } });
    const closing = await open("/v1/realtime?model=gpt-realtime", { headers: { authorization: "Bearer sk-good" } });
    if (!("ws" in closing)) throw new Error("refused");
    expect(await closing.closed).toEqual({ code: 1011, reason: "boom" });
  });
});

describe("realtime mock: client events", () => {
  it("answers invalid events with OpenAI's error event and carries on", async () => {
    const c = await session();
    const cases: Array<[string, Record<string, unknown>]> = [
      ["{not json", { code: "invalid_json" }],
      [JSON.stringify({ event_id: "ev1" }), { code: "missing_required_parameter", param: "type", event_id: "ev1" }],
      [JSON.stringify({ type: "session.updat" }), { code: "invalid_value", param: "type" }],
      [JSON.stringify({ type: "session.update", session: { instructions: "x" } }), { code: "missing_required_parameter", param: "session.type" }],
      [JSON.stringify({ type: "conversation.item.create", item: { type: "message", role: "robot", content: [] } }), { code: "invalid_value", param: "item.role" }],
      [JSON.stringify({ type: "input_audio_buffer.append", audio: "not base64!" }), { code: "invalid_type", param: "audio" }],
      [JSON.stringify({ type: "response.create", response: { output_modalities: ["text", "audio"] } }), { param: "response.output_modalities" }],
      [JSON.stringify({ type: "response.cancel" }), { code: "response_cancel_not_active" }],
      [JSON.stringify({ type: "input_audio_buffer.commit" }), { code: "input_audio_buffer_commit_empty" }],
    ];
    for (const [frame, error] of cases) {
      c.ws.send(frame);
      expect((await c.next("error")).error).toMatchObject({ type: "invalid_request_error", ...error });
    }
    c.ws.send(JSON.stringify({ type: "session.update", session: { type: "realtime", output_modalities: ["text"] } }));
    expect((await c.next("session.updated")).session).toMatchObject({ output_modalities: ["text"] });
    expect(mock.sessions[0]!.frames).toEqual({ text: cases.length + 1, binary: 0 });
    c.ws.close();
  });

  it("streams a text response in GA event order with usage that adds up; a second response finds the first prompt cached", async () => {
    const c = await session();
    c.ws.send(JSON.stringify({ type: "conversation.item.create", item: { type: "message", role: "user", content: [{ type: "input_text", text: "Hello, how are you?" }] } }));
    await c.next("conversation.item.created");
    c.ws.send(JSON.stringify({ type: "response.create", response: { output_modalities: ["text"] } }));
    const done = await c.next("response.done");
    const types = c.events.map((e) => e.type).filter((t) => t.startsWith("response."));
    expect(types[0]).toBe("response.created");
    expect(types.slice(1, 3)).toEqual(["response.output_item.added", "response.content_part.added"]);
    expect(types.slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.done"]);
    const u = done.response.usage;
    expect(u.total_tokens).toBe(u.input_tokens + u.output_tokens);
    expect(u.input_tokens).toBe(u.input_token_details.text_tokens + u.input_token_details.audio_tokens);
    expect(u.output_tokens).toBe(u.output_token_details.text_tokens + u.output_token_details.audio_tokens);
    expect(u.input_token_details.cached_tokens).toBe(0);

    c.ws.send(JSON.stringify({ type: "response.create", response: { output_modalities: ["audio"] } }));
    const second = await c.next("response.done");
    expect(c.events.some((e) => e.type === "response.output_audio.delta")).toBe(true);
    expect(second.response.usage.input_token_details.cached_tokens_details.text_tokens).toBe(u.input_tokens);
    expect(second.response.usage.output_token_details.audio_tokens).toBeGreaterThan(0);
    expect(mock.responsesDone()).toBe(2);
    expect(mock.sessions[0]!.responses.map((r) => r.status)).toEqual(["completed", "completed"]);
    c.ws.close();
  });

  it("one response at a time; response.cancel ends it with status cancelled and the usage so far; binary frames are read as events", async () => {
    const c = await session();
    mock.enqueueResponse({ hang: true });
    c.ws.send(JSON.stringify({ type: "response.create", response: { output_modalities: ["text"] } }));
    await c.next("response.output_text.delta");
    c.ws.send(JSON.stringify({ type: "response.create" }));
    expect((await c.next("error")).error).toMatchObject({ code: "conversation_already_has_active_response" });
    c.ws.send(Buffer.from(JSON.stringify({ type: "response.cancel" })), { binary: true });
    const done = await c.next("response.done");
    expect(done.response.status).toBe("cancelled");
    expect(done.response.usage.output_tokens).toBeGreaterThan(0);
    expect(mock.sessions[0]!.frames.binary).toBe(1);
    c.ws.close();
    await c.closed;
    await expect.poll(() => mock.openConnections()).toBe(0);
  });

  it("drops the connection mid-response when scripted", async () => {
    const c = await session();
    mock.enqueueResponse({ dropAfterEvents: 2 });
    c.ws.send(JSON.stringify({ type: "response.create" }));
    expect((await c.closed).code).toBe(1006);
    expect(c.events.filter((e) => e.type.startsWith("response."))).toHaveLength(2);
    expect(mock.sessions[0]!.responses).toEqual([]);
  });
});
