// POST /v1/audio/speech: validate, run through the endpoint runner (keys, failover before the
// first byte, billing), then stream the audio to the client as the upstream sends it, with the
// format's content-type. Token-priced models (gpt-4o-mini-tts) are asked for the upstream's SSE
// stream, whose final `speech.audio.done` event carries the exact usage: for a client that asked
// for raw audio the base64 pieces are decoded and sent on as bytes; a client that asked for SSE
// gets the events, with the cost fields added to the final event's usage. Billed once, when the
// stream ends, when the client leaves (what the upstream was asked for), or when it breaks.
import { priceAt } from "@switchyard/catalog";
import type { NormalizedUsage } from "@switchyard/metering";
import { sseData, sendSpeech } from "@switchyard/providers";
import type { H3Event } from "h3";
import type { Candidate } from "../../chat/resolve-model.ts";
import type { ChatDeps } from "../../chat/run.ts";
import { readJsonRequest } from "../../web/body.ts";
import { endpointInput } from "../input.ts";
import type { Ran, RunEndpoint } from "../run-endpoint.ts";
import { clientStream, passthrough } from "./client-stream.ts";
import { parseSpeechBody, SPEECH_CONTENT_TYPES, type SpeechBody, upstreamSpeechBody } from "./speech-body.ts";
import { type SpeechTokens, speechUsage } from "./speech-usage.ts";
import { parseEvent, sseFrame } from "./sse-rewrite.ts";

type Answer = Awaited<ReturnType<typeof sendSpeech>> & { ok: true };

/** Priced by audio tokens (gpt-4o-mini-tts) rather than characters. */
const isTokenPriced = (candidate: Candidate): boolean => priceAt(candidate.offering, new Date())?.audioOutputPerMTok !== undefined;

async function* decodedAudio(body: AsyncIterable<Uint8Array>, maxEventBytes: number, onUsage: (usage: SpeechTokens) => void): AsyncGenerator<Uint8Array> {
  for await (const data of sseData(body, maxEventBytes)) {
    const event = parseEvent(data);
    if (event?.type === "speech.audio.delta" && typeof event.audio === "string") yield Buffer.from(event.audio, "base64");
    else if (event?.type === "speech.audio.done" && typeof event.usage === "object" && event.usage !== null) onUsage(event.usage as SpeechTokens);
  }
}

async function* eventsWithCost(body: AsyncIterable<Uint8Array>, maxEventBytes: number, onDone: (usage: SpeechTokens) => Record<string, unknown>): AsyncGenerator<Uint8Array> {
  for await (const data of sseData(body, maxEventBytes)) {
    const event = parseEvent(data);
    if (event?.type === "speech.audio.done" && typeof event.usage === "object" && event.usage !== null) {
      yield sseFrame(JSON.stringify({ ...event, usage: { ...event.usage, ...onDone(event.usage as SpeechTokens) } }));
    } else yield sseFrame(data);
  }
}

/** `maxEventBytes`: the largest upstream stream event held in memory (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB). */
async function respond(body: SpeechBody, ran: Ran<Answer["res"]>, tokenPriced: boolean, abort: AbortController, maxEventBytes: number): Promise<Response> {
  const res = ran.value;
  const upstreamType = String(res.headers["content-type"] ?? "");
  const clientSse = body.stream_format === "sse";
  let reported: SpeechTokens | undefined;
  const usage = (): NormalizedUsage => speechUsage(body, tokenPriced, reported);
  const keep = (tokens: SpeechTokens) => void (reported = tokens);
  let source: AsyncGenerator<Uint8Array>;
  let contentType: string;
  if (upstreamType.startsWith("text/event-stream") && clientSse) {
    contentType = "text/event-stream; charset=utf-8";
    source = eventsWithCost(res.body, maxEventBytes, (tokens) => {
      keep(tokens);
      return ran.bill(usage());
    });
  } else if (upstreamType.startsWith("text/event-stream")) {
    contentType = SPEECH_CONTENT_TYPES[body.response_format ?? "mp3"];
    source = decodedAudio(res.body, maxEventBytes, keep);
  } else {
    contentType = upstreamType.startsWith("audio/") ? upstreamType : SPEECH_CONTENT_TYPES[body.response_format ?? "mp3"];
    source = passthrough(res.body);
  }
  const stream = await clientStream(source, {
    done: () => void ran.bill(usage()),
    cancel: () => {
      ran.abandon(usage());
      abort.abort();
    },
    failed: () => void ran.bill(usage(), { status: "upstream_error", httpStatus: 502 }),
  }, ran.headers);
  return new Response(stream, { status: 200, headers: { ...ran.headers, "content-type": contentType } });
}

export function speechRoute(deps: ChatDeps, run: RunEndpoint): (event: H3Event) => Promise<Response> {
  return async (event) => {
    const body = parseSpeechBody(await readJsonRequest(event.req, deps.maxBodyBytes));
    const input = endpointInput(event);
    let tokenPriced = false;
    const ran = await run(input, {
      endpoint: "audio.speech",
      path: "POST /v1/audio/speech",
      kind: "speech",
      capability: "speech",
      model: body.model,
      ...(body.byok_conf ? { byokConf: body.byok_conf } : {}),
      sent: () => speechUsage(body, tokenPriced),
      async call(target, candidate, signal) {
        tokenPriced = isTokenPriced(candidate);
        const askSse = tokenPriced || body.stream_format === "sse";
        const sent = await sendSpeech(deps.http, target, upstreamSpeechBody(body, askSse ? { stream_format: "sse" } : {}), signal);
        return sent.ok ? { ok: true, value: sent.res } : sent;
      },
    });
    return respond(body, ran, tokenPriced, input.abort, deps.http.maxResponseBytes);
  };
}
