// A faithful OpenAI Realtime WebSocket mock (the GA interface). Addresses:
//   OpenAI:  GET /v1/realtime?model=<model>   key: `Authorization: Bearer <key>` or the
//            `openai-insecure-api-key.<key>` subprotocol (browsers)
//   Azure:   GET /openai/v1/realtime?model=<deployment>   (GA, no api-version)
//            GET /openai/realtime?api-version=<v>&deployment=<deployment>   (preview)
//            key: `api-key` header
// OpenAI accepts the upgrade of a wrong key, then sends an `error` event (invalid_api_key) and
// closes with 3000; Azure refuses the handshake with 401. Each connection opens with
// session.created; client events are validated (an invalid one gets an `error` event and the
// session goes on); binary frames are read as the same JSON events. Records what it saw.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { randomToken } from "@switchyard/core";
import { flatHeaders } from "../mock-record.ts";
import { parseClientEvent } from "./client-events.ts";
import { AUDIO_BYTES_PER_TOKEN, Conversation, newEventId, textTokens } from "./conversation.ts";

/** What the mock "hears" in committed input audio, when input transcription is configured. */
export const MOCK_TRANSCRIPT = "Hello from the microphone.";
import { startResponse, type RunningResponse } from "./respond.ts";
import type { RealtimeConnectScript, RealtimeMock, RealtimeMockOptions, RealtimeResponseScript, RealtimeSessionRecord } from "./types.ts";

const KEY_PROTOCOL = "openai-insecure-api-key.";


/** Which API the URL addresses, and the model (or deployment); undefined: not a realtime URL. */
function route(url: URL): { flavor: "openai" | "azure"; model: string } | { error: string } | undefined {
  if (url.pathname === "/v1/realtime") return url.searchParams.get("model") ? { flavor: "openai", model: url.searchParams.get("model")! } : { error: "Missing required parameter: 'model'." };
  if (url.pathname === "/openai/v1/realtime") return url.searchParams.get("model") ? { flavor: "azure", model: url.searchParams.get("model")! } : { error: "Missing required parameter: 'model'." };
  if (url.pathname === "/openai/realtime") {
    const deployment = url.searchParams.get("deployment");
    if (!url.searchParams.get("api-version")) return { error: "Missing required query parameter: 'api-version'." };
    return deployment ? { flavor: "azure", model: deployment } : { error: "Missing required query parameter: 'deployment'." };
  }
  return undefined;
}

function refuse(socket: Socket, status: number, message: string, code: string): void {
  const body = JSON.stringify({ error: { message, type: "invalid_request_error", code, param: null } });
  socket.end(`HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : status === 404 ? "Not Found" : status === 429 ? "Too Many Requests" : "Error"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}

export async function startRealtimeMock(options: RealtimeMockOptions = {}): Promise<RealtimeMock> {
  const sessions: RealtimeSessionRecord[] = [];
  const open = new Set<WebSocket>();
  let responseQueue: RealtimeResponseScript[] = [];
  let connectQueue: RealtimeConnectScript[] = [];
  let connectScript: ((s: RealtimeSessionRecord) => RealtimeConnectScript | undefined) | undefined;
  let responseScript: ((s: RealtimeSessionRecord, request: Record<string, unknown>) => RealtimeResponseScript | undefined) | undefined;
  let completed = 0;
  const keyOk = (key: string) => key !== "" && (options.validKeys === undefined || options.validKeys.includes(key));

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 });
  wss.on("headers", (headers) => headers.push(`x-request-id: req_${randomToken(20)}`));
  const server = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "Upgrade to a WebSocket.", type: "invalid_request_error", code: null, param: null } }));
  });

  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://mock");
    const routed = route(url);
    if (!routed) return refuse(socket, 404, `Invalid URL (GET ${url.pathname})`, "not_found");
    const protocols = (req.headers["sec-websocket-protocol"] ?? "").split(",").map((p) => p.trim()).filter(Boolean);
    const record: RealtimeSessionRecord = {
      id: "",
      flavor: "error" in routed ? "openai" : routed.flavor,
      url: req.url ?? "",
      model: "error" in routed ? "" : routed.model,
      key: "",
      authVia: "none",
      protocols,
      headers: flatHeaders(req),
      events: [],
      responses: [],
      frames: { text: 0, binary: 0 },
      closed: null,
    };
    sessions.push(record);
    if ("error" in routed) {
      record.refusedStatus = 400;
      return refuse(socket, 400, routed.error, "missing_required_parameter");
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const fromProtocol = protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length);
    if (routed.flavor === "azure") {
      record.key = typeof req.headers["api-key"] === "string" ? req.headers["api-key"] : "";
      record.authVia = record.key ? "api-key" : "none";
    } else {
      record.key = bearer ?? fromProtocol ?? "";
      record.authVia = bearer ? "bearer" : fromProtocol ? "subprotocol" : "none";
    }
    const script = connectScript?.(record) ?? connectQueue.shift();
    if (script?.status) {
      record.refusedStatus = script.status;
      return refuse(socket, script.status, script.status === 429 ? "Rate limit reached." : `Upstream answered ${script.status}.`, script.status === 429 ? "rate_limit_exceeded" : "server_error");
    }
    if (routed.flavor === "azure") {
      if (!keyOk(record.key)) {
        record.refusedStatus = 401;
        return refuse(socket, 401, "Access denied due to invalid subscription key or wrong API endpoint.", "401");
      }
      if (options.deployments && !(routed.model in options.deployments)) {
        record.refusedStatus = 404;
        return refuse(socket, 404, "The API deployment for this resource does not exist.", "DeploymentNotFound");
      }
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      ws.on("close", (code, reason) => {
        open.delete(ws);
        record.closed = { code, reason: reason.toString() };
      });
      ws.on("error", () => {});
      if (routed.flavor === "openai" && !keyOk(record.key)) {
        const message = record.key ? "Incorrect API key provided." : "You must provide an API key (Authorization header or subprotocol).";
        ws.send(JSON.stringify({ type: "error", event_id: newEventId(), error: { type: "invalid_request_error", code: "invalid_api_key", message, param: null, event_id: null } }));
        ws.close(3000, "invalid_request_error.invalid_api_key");
        return;
      }
      if (script?.closeWith) {
        const { code, reason, error } = script.closeWith;
        if (error) ws.send(JSON.stringify({ type: "error", event_id: newEventId(), error: { ...error, param: null, event_id: null } }));
        ws.close(code, reason);
        return;
      }
      serve(ws, record, options.deployments?.[routed.model] ?? routed.model);
    });
  });

  function serve(ws: WebSocket, record: RealtimeSessionRecord, model: string): void {
    const conv = new Conversation(model);
    record.id = conv.sessionId;
    let active: RunningResponse | undefined;
    const send = (event: Record<string, unknown>) => {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(event.event_id ? event : { event_id: newEventId(), ...event }));
      return true;
    };
    const fail = (problem: Record<string, unknown>) => send({ type: "error", error: problem });
    ws.on("close", () => active?.cancellation.cancel());
    send({ type: "session.created", session: conv.session });

    /** With input transcription configured: the transcript of committed audio and its usage (tokens, or seconds for whisper-1). */
    const transcribe = (itemId: string, bytes: number) => {
      const audio = conv.session.audio as { input?: { transcription?: { model?: string } | null } } | undefined;
      const model = audio?.input?.transcription?.model;
      if (!model) return;
      const transcript = MOCK_TRANSCRIPT;
      const audioTokens = Math.ceil(bytes / AUDIO_BYTES_PER_TOKEN);
      const outputTokens = textTokens(transcript);
      const usage =
        model === "whisper-1"
          ? { type: "duration", seconds: bytes / 48_000 }
          : { type: "tokens", input_tokens: audioTokens, output_tokens: outputTokens, total_tokens: audioTokens + outputTokens, input_token_details: { text_tokens: 0, audio_tokens: audioTokens } };
      send({ type: "conversation.item.input_audio_transcription.completed", item_id: itemId, content_index: 0, transcript, logprobs: null, usage });
    };

    ws.on("message", (data: RawData, isBinary: boolean) => {
      record.frames[isBinary ? "binary" : "text"]++;
      const parsed = parseClientEvent(Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.concat(data as Buffer[]).toString("utf8"));
      if (!parsed.ok) {
        record.events.push(parsed.raw ?? { type: "(unparsable)" });
        return fail({ ...parsed.problem });
      }
      const e = parsed.event;
      record.events.push(e);
      switch (e.type) {
        case "session.update":
          conv.update(e.session as Record<string, unknown>);
          return send({ type: "session.updated", session: conv.session });
        case "conversation.item.create": {
          const previous = conv.items.at(-1)?.id ?? null;
          return send({ type: "conversation.item.created", previous_item_id: previous, item: conv.addItem(e.item as Record<string, unknown>) });
        }
        case "input_audio_buffer.append":
          conv.audioBufferBytes += Buffer.byteLength(e.audio as string, "base64");
          return;
        case "input_audio_buffer.clear":
          conv.audioBufferBytes = 0;
          return send({ type: "input_audio_buffer.cleared" });
        case "input_audio_buffer.commit": {
          if (conv.audioBufferBytes < AUDIO_BYTES_PER_TOKEN) {
            return fail({ type: "invalid_request_error", code: "input_audio_buffer_commit_empty", message: "Error committing input audio buffer: buffer too small. Expected at least 100ms of audio.", param: null, event_id: e.event_id ?? null });
          }
          const previous = conv.items.at(-1)?.id ?? null;
          const item = conv.addItem({ type: "message", role: "user", content: [{ type: "input_audio", audio: Buffer.alloc(conv.audioBufferBytes).toString("base64"), transcript: null }] });
          const bytes = conv.audioBufferBytes;
          conv.audioBufferBytes = 0;
          send({ type: "input_audio_buffer.committed", previous_item_id: previous, item_id: item.id });
          send({ type: "conversation.item.created", previous_item_id: previous, item });
          return transcribe(item.id as string, bytes);
        }
        case "response.create": {
          if (active) {
            return fail({ type: "invalid_request_error", code: "conversation_already_has_active_response", message: `Conversation already has an active response in progress: ${active.id}. Wait until the response is finished before creating a new one.`, param: null, event_id: e.event_id ?? null });
          }
          const script = responseScript?.(record, (e.response as Record<string, unknown> | undefined) ?? {}) ?? responseQueue.shift() ?? {};
          if (script.error) return fail({ ...script.error, param: null, event_id: e.event_id ?? null });
          const io = { send, sendBinary: (b: Buffer) => ws.readyState === WebSocket.OPEN && ws.send(b, { binary: true }), drop: () => ws.terminate(), delayMs: options.eventDelayMs ?? 0 };
          active = startResponse(conv, e.response as Record<string, unknown> | undefined, script, io, (done) => {
            active = undefined;
            if (!done) return;
            completed++;
            record.responses.push(done);
          });
          return;
        }
        case "response.cancel":
          if (!active) return fail({ type: "invalid_request_error", code: "response_cancel_not_active", message: "Cancellation failed: no active response found.", param: null, event_id: e.event_id ?? null });
          if (!active.ignoresCancel) active.cancellation.cancel();
          return;
        default:
          return;
      }
    });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sessions,
    openConnections: () => open.size,
    bufferedBytes: () => [...open].reduce((n, ws) => n + ws.bufferedAmount, 0),
    responsesDone: () => completed,
    enqueueResponse: (...scripts) => void responseQueue.push(...scripts),
    enqueueConnect: (...scripts) => void connectQueue.push(...scripts),
    scriptConnect(fn) {
      connectScript = fn;
    },
    scriptResponse(fn) {
      responseScript = fn;
    },
    dropAll() {
      for (const ws of open) ws.terminate();
    },
    closeAll(code, reason) {
      for (const ws of open) ws.close(code, reason);
    },
    reset() {
      sessions.length = 0;
      responseQueue = [];
      connectQueue = [];
      connectScript = undefined;
      responseScript = undefined;
      completed = 0;
    },
    async close() {
      for (const ws of open) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
