// POST /v1/audio/transcriptions and /v1/audio/translations: the multipart upload is spooled to
// disk as it arrives (upload.ts, 413 over SWITCHYARD_AUDIO_MAX_MB), its fields checked, then run
// through the endpoint runner: each attempt streams the file from disk to its upstream. The answer:
//   JSON (json, verbose_json)  `usage` gains the cost fields (an OpenAI-shaped usage is added
//                              when the upstream sent none)
//   server-sent events         passed on as they arrive; the `transcript.text.done` event's usage
//                              gains the cost fields
//   text, srt, vtt             passed on as they arrive, the transcript's characters counted on
//                              the way: no place for usage, so a token-priced model's output is
//                              billed as estimated from them (4 characters a token), its input
//                              from the audio's duration, marked usage_estimated on the event
// Billed once: when the answer is complete, when the client leaves (the audio it sent), or when
// the upstream breaks. The temporary file is deleted when the request is over.
import { priceAt, type Price } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import type { NormalizedUsage } from "@switchyard/metering";
import { sseData, sendTranscription, UpstreamAnswerTooLargeError, type UpstreamHttp } from "@switchyard/providers";
import type { H3Event } from "h3";
import type { ChatDeps } from "../../chat/run.ts";
import { endpointInput } from "../input.ts";
import type { Ran, RunEndpoint } from "../run-endpoint.ts";
import { clientStream, passthrough } from "./client-stream.ts";
import { type Duration, fileDuration, sizeEstimate } from "./duration.ts";
import { parseEvent, sseFrame } from "./sse-rewrite.ts";
import { countTranscript, type TranscriptFormat } from "./transcript-chars.ts";
import { readTranscriptionForm, type TranscriptionForm } from "./transcription-fields.ts";
import { openAIUsage, type Reported, transcriptionUsage } from "./transcription-usage.ts";
import { spoolUpload } from "./upload.ts";

export const DEFAULT_AUDIO_MAX_FILE_BYTES = 25 * 1024 * 1024;
const NOTHING: NormalizedUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false };

type Answer = Awaited<ReturnType<typeof sendTranscription>> & { ok: true };
type Task = "transcriptions" | "translations";

interface Context {
  form: TranscriptionForm;
  ran: Ran<Answer["res"]>;
  price: Price | undefined;
  duration: () => Duration;
  abort: AbortController;
  dispose: () => Promise<void>;
  /** Reads the answer (bounded by SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB, as its stream events are). */
  http: UpstreamHttp;
}

const isTranscriptFormat = (format: string): format is TranscriptFormat => format === "text" || format === "srt" || format === "vtt";
const tokenPriced = (price: Price | undefined) => price !== undefined && price.perMinute === undefined && price.audioInputPerMTok !== undefined;

/** The answer read whole, at most SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB of it (UpstreamHttp.json). */
async function readJsonAnswer(http: UpstreamHttp, body: Answer["res"]["body"]): Promise<Record<string, unknown>> {
  const value = await http.json(body);
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SwitchyardError("upstream_error", "The upstream provider sent an unreadable answer.");
  return value as Record<string, unknown>;
}

async function respondJson(ctx: Context): Promise<Response> {
  const { ran, form, price } = ctx;
  let answer: Record<string, unknown>;
  try {
    answer = await readJsonAnswer(ctx.http, ran.value.body);
  } catch (error) {
    if (ctx.abort.signal.aborted) {
      // The client left while the answer was read: billed for the audio it sent.
      ran.abandon(transcriptionUsage(price, {}, ctx.duration(), form.prompt.length));
      throw error;
    }
    ran.bill(NOTHING, { status: "upstream_error", httpStatus: 502 });
    const message = error instanceof SwitchyardError || error instanceof UpstreamAnswerTooLargeError ? error.message : "The upstream provider sent an unreadable answer.";
    throw new SwitchyardError("upstream_error", message, { cause: error, headers: ran.headers });
  }
  const reported: Reported = { usage: answer.usage, duration: answer.duration, ...(typeof answer.text === "string" ? { text: answer.text } : {}) };
  const usage = transcriptionUsage(price, reported, ctx.duration(), form.prompt.length);
  const fields = ran.bill(usage);
  const base = typeof answer.usage === "object" && answer.usage !== null ? (answer.usage as Record<string, unknown>) : openAIUsage(usage, tokenPriced(price));
  return new Response(JSON.stringify({ ...answer, usage: { ...base, ...fields } }), { status: 200, headers: { ...ran.headers, "content-type": "application/json" } });
}

async function respondStream(ctx: Context, contentType: string, sse: boolean): Promise<Response> {
  const { ran, form, price } = ctx;
  const reported: Reported = {};
  const usage = (): NormalizedUsage => transcriptionUsage(price, reported, ctx.duration(), form.prompt.length);
  async function* events(): AsyncGenerator<Uint8Array> {
    for await (const data of sseData(ran.value.body, ctx.http.maxResponseBytes)) {
      const event = parseEvent(data);
      if (event?.type !== "transcript.text.done") {
        yield sseFrame(data);
        continue;
      }
      if (typeof event.text === "string") reported.text = event.text;
      reported.usage = event.usage;
      const fields = ran.bill(usage());
      const base = typeof event.usage === "object" && event.usage !== null ? (event.usage as Record<string, unknown>) : openAIUsage(usage(), tokenPriced(price));
      yield sseFrame(JSON.stringify({ ...event, usage: { ...base, ...fields } }));
    }
  }
  const counted = (chars: number) => void (reported.textChars = (reported.textChars ?? 0) + chars);
  const source = sse ? events() : isTranscriptFormat(form.responseFormat) ? countTranscript(ran.value.body, form.responseFormat, counted) : passthrough(ran.value.body);
  const stream = await clientStream(source, {
    done: () => {
      ran.bill(usage());
      void ctx.dispose();
    },
    cancel: () => {
      ran.abandon(usage());
      ctx.abort.abort();
      void ctx.dispose();
    },
    failed: () => {
      ran.bill(usage(), { status: "upstream_error", httpStatus: 502 });
      void ctx.dispose();
    },
  }, ran.headers);
  return new Response(stream, { status: 200, headers: { ...ran.headers, "content-type": contentType } });
}

export function transcriptionRoute(deps: ChatDeps, run: RunEndpoint, task: Task): (event: H3Event) => Promise<Response> {
  return async (event) => {
    const upload = await spoolUpload(event.req, deps.audioMaxFileBytes ?? DEFAULT_AUDIO_MAX_FILE_BYTES);
    let streaming = false;
    try {
      const form = readTranscriptionForm(upload.fields, upload.file);
      let measured: Duration | undefined;
      const measuring = fileDuration(form.file).then((d) => (measured = d));
      const duration = () => measured ?? sizeEstimate(form.file);
      const input = endpointInput(event);
      let price: Price | undefined;
      const ran = await run(input, {
        endpoint: task === "translations" ? "audio.translations" : "audio.transcriptions",
        path: `POST /v1/audio/${task}`,
        kind: "transcription",
        capability: "transcription",
        model: form.model,
        ...(form.byokConf ? { byokConf: form.byokConf } : {}),
        sent: () => transcriptionUsage(price, {}, duration(), form.prompt.length),
        async call(target, candidate, signal) {
          price = priceAt(candidate.offering, new Date());
          const sent = await sendTranscription(deps.http, target, { path: task, fields: form.fields, file: form.file }, signal);
          return sent.ok ? { ok: true, value: sent.res } : sent;
        },
      });
      await measuring;
      const ctx: Context = { form, ran, price, duration, abort: input.abort, dispose: upload.dispose, http: deps.http };
      const contentType = String(ran.value.headers["content-type"] ?? "application/json");
      if (contentType.startsWith("application/json")) return await respondJson(ctx);
      streaming = true;
      return respondStream(ctx, contentType, contentType.startsWith("text/event-stream"));
    } finally {
      if (!streaming) await upload.dispose();
    }
  };
}
