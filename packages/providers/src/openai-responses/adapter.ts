// Adapter for the OpenAI Responses API (POST /responses), for OpenAI itself and, with another
// route, Azure OpenAI. Clients speak chat completions: the request is translated (request.ts),
// the answer translated back (response.ts), the stream event by event (stream.ts). A stream
// whose first events already report a failure (before any output) is a failed attempt, so the
// gateway may still fail over; later failures end the stream with an error.
import type { UpstreamHttp } from "../http.ts";
import { StreamInterruptedError } from "../sse.ts";
import type { ChatAdapter, UpstreamFailure, UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { responseEvents } from "./events.ts";
import { responsesBody } from "./request.ts";
import { responseFailure, toChatCompletion } from "./response.ts";
import { readJson, sendUpstream } from "./send.ts";
import { chunkTranslator, type ChunkTranslator, ResponseStreamError } from "./stream.ts";
import type { ResponseObject, StreamEvent } from "./types.ts";

/** Where a target's requests go and how they authenticate. */
export interface ResponsesRoute {
  responsesUrl: string;
  /** GET: a cheap request proving the key works. */
  validationUrl: string;
  headers: Record<string, string>;
  /** The `model` the upstream expects (on Azure: the deployment name). */
  model: string;
  untrusted: boolean;
}

export type ResolveRoute = (target: UpstreamTarget) => ResponsesRoute | UpstreamFailure;

/** api.openai.com (or a proxy of it): `${baseUrl}/responses`, Bearer key. */
export const openAIRoute: ResolveRoute = (target) => {
  const { auth, headers, validation } = target.provider;
  return {
    responsesUrl: `${target.baseUrl}/responses`,
    validationUrl: `${target.baseUrl}${validation.path}`,
    headers: { ...headers, [auth.header]: `${auth.prefix}${target.secret}` },
    model: target.upstreamModel,
    untrusted: target.untrustedUrl,
  };
};

async function* remaining(head: string[], events: AsyncIterator<StreamEvent>, translator: ChunkTranslator): AsyncGenerator<string> {
  try {
    yield* head;
    for (;;) {
      const next = await events.next();
      if (next.done) break;
      if (translator.done) continue;
      try {
        yield* translator.next(next.value);
      } catch (error) {
        if (error instanceof ResponseStreamError) throw new StreamInterruptedError(error.message, { cause: error });
        throw error;
      }
    }
    if (!translator.done) throw new StreamInterruptedError("The upstream stream ended before the response completed.");
  } finally {
    // A client that left early: release the upstream body.
    await events.return?.(undefined);
  }
}

/** Reads events until the first output (or the end); a failure before any output is returned. */
async function openStream(body: AsyncIterable<Uint8Array>, maxEventBytes: number): Promise<UpstreamOutcome> {
  const events = responseEvents(body, maxEventBytes);
  const translator = chunkTranslator();
  const head: string[] = [];
  try {
    while (!translator.started && !translator.done) {
      const next = await events.next();
      if (next.done) return { ...responseFailure(null), message: "The upstream stream ended before any output." };
      head.push(...translator.next(next.value));
    }
  } catch (error) {
    void events.return(undefined);
    if (error instanceof ResponseStreamError) return error.failure;
    if (error instanceof StreamInterruptedError) return { ...responseFailure(null), kind: "connection", message: error.message };
    throw error;
  }
  return { ok: true, stream: true, events: remaining(head, events, translator) };
}

export function responsesAdapter(http: UpstreamHttp, resolve: ResolveRoute): ChatAdapter {
  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      const route = resolve(target);
      if ("ok" in route) return route;
      const request = responsesBody(body, route.model, stream);
      if (!request.ok) return request;
      const headers = { ...route.headers, "content-type": "application/json", accept: stream ? "text/event-stream" : "application/json" };
      const sent = await sendUpstream(http, route.responsesUrl, { method: "POST", headers, body: request.body, signal, untrusted: route.untrusted });
      if (!sent.ok) return sent;
      if (stream) return openStream(sent.res.body, http.maxResponseBytes);
      const read = await readJson<ResponseObject>(http, sent.res, signal);
      if (!read.ok) return read;
      if (read.value.status === "failed") return responseFailure(read.value.error);
      return { ok: true, stream: false, completion: toChatCompletion(read.value) };
    },

    async validateKey(target, signal) {
      const route = resolve(target);
      if ("ok" in route) return route;
      const sent = await sendUpstream(http, route.validationUrl, { method: "GET", headers: { ...route.headers, accept: "application/json" }, signal, untrusted: route.untrusted });
      if (!sent.ok) return sent;
      await sent.res.body.dump();
      return { ok: true };
    },
  };
}
