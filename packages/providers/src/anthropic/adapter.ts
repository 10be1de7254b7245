// Adapter for Anthropic's Messages API (Anthropic, Claude on Microsoft Foundry): translates the
// OpenAI request, sends POST {base}/messages, and translates the answer back. A stream is opened
// only once its first event arrived: an `error` event in its place is an ordinary failure, so
// failover can still try the next attempt.
import { sendKeyCheck } from "../key-check.ts";
import { isAbort, transportFailure, unreadableAnswer } from "../failures.ts";
import type { UpstreamHttp } from "../http.ts";
import type { ChatAdapter, UpstreamOutcome } from "../types.ts";
import { connect } from "./connection.ts";
import { anthropicFailure, streamEventFailure } from "./errors.ts";
import { type SseEvent, sseEvents } from "./events.ts";
import { Unsupported } from "./json.ts";
import { anthropicRequest } from "./request.ts";
import { toCompletion } from "./response.ts";
import { toChunks } from "./stream.ts";

export function anthropicAdapter(http: UpstreamHttp): ChatAdapter {
  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      const connection = connect(target, stream);
      if (!connection.ok) return connection;
      let payload: string;
      try {
        payload = JSON.stringify(anthropicRequest(target.upstreamModel, body, stream));
      } catch (error) {
        if (error instanceof Unsupported) return { ok: false, kind: "client", status: 400, message: error.message, code: "unsupported_parameter", param: error.param, retryAfter: null };
        throw error;
      }
      let res;
      try {
        res = await http.send(`${connection.baseUrl}/messages`, { method: "POST", headers: connection.headers, body: payload, signal, untrusted: connection.untrusted });
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return transportFailure(error);
      }
      if (res.statusCode !== 200) return anthropicFailure(res.statusCode, res.headers, res.body);
      if (stream) return openStream(sseEvents(res.body, http.maxResponseBytes), signal);
      try {
        return { ok: true, stream: false, completion: toCompletion(await http.json(res.body)) };
      } catch (error) {
        if (isAbort(error, signal)) throw error;
        return unreadableAnswer(error);
      }
    },

    async validateKey(target, signal) {
      const connection = connect(target, false);
      if (!connection.ok) return connection;
      return sendKeyCheck(http, target, { baseUrl: connection.baseUrl, headers: connection.headers, untrusted: connection.untrusted }, anthropicFailure, signal);
    },
  };
}

/** Waits for the first event other than ping: an error event or an empty body is a failure. */
async function openStream(events: AsyncGenerator<SseEvent>, signal: AbortSignal): Promise<UpstreamOutcome> {
  let first: SseEvent | undefined;
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) break;
      if (next.value.event !== "ping") {
        first = next.value;
        break;
      }
    }
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return transportFailure(error);
  }
  if (!first || first.event === "error") {
    await events.return(undefined);
    if (first) return streamEventFailure(first.data);
    return { ok: false, kind: "connection", status: 502, message: "The upstream provider ended the stream before any event.", code: null, param: null, retryAfter: null };
  }
  return { ok: true, stream: true, events: toChunks(first, events) };
}
