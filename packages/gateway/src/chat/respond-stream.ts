// A streaming answer: upstream events pass through as they arrive. The usage chunk (asked for
// upstream) gets cost and payer added, and reaches the client only if it asked for usage. A
// mid-stream failure ends with an OpenAI-style error event; a client that leaves aborts the
// upstream at once. Either way, what was produced is billed exactly once.
//
// The reply's stream yields SSE frames as strings; whoever sends it ends the generator early
// (return()) when the client goes away, which bills the request as a client abort.
import { normalizeOpenAIUsage, type NormalizedUsage } from "@switchyard/metering";
import type { StreamEvents } from "@switchyard/providers";
import type { UsageStatus } from "@switchyard/queue";
import { completionText, estimatedUsage, openAIUsageOf } from "./estimate.ts";
import { finishEvent, meter } from "./meter.ts";
import type { ChatRun } from "./run.ts";

const USAGE = /"usage"\s*:\s*\{/;
const MAX_KEPT_FOR_ESTIMATE = 4 * 1024 * 1024;

const midStreamError = JSON.stringify({
  error: { message: "The upstream provider failed mid-stream.", type: "api_error", code: "upstream_error", param: null },
});

export interface StreamReply {
  status: 200;
  headers: Record<string, string>;
  stream: AsyncGenerator<string>;
}

export function respondStream(run: ChatRun, events: StreamEvents): StreamReply {
  const kept: string[] = [];
  let keptBytes = 0;
  let usage: NormalizedUsage | null = null;
  let usageChunk: Record<string, unknown> | null = null;
  let firstTokenMs: number | null = null;
  let status: UsageStatus = "success";
  let billed = false;
  let upstreamDone = false;

  const bill = () => {
    if (billed) return;
    billed = true;
    const final = usage ?? estimatedUsage(run.body.messages, kept.map(deltaText).join(""), run.body.tools);
    const metered = meter({ requestId: run.requestId, key: run.key, attempt: run.attempt, usage: final, at: run.at, rates: run.deps.rates, overrides: run.overrides, web: run.web });
    const httpStatus = status === "client_abort" ? 499 : 200;
    const errorCode = status === "upstream_error" ? "upstream_stream_failed" : null;
    run.deps.sink.emit(finishEvent(metered.event, { startedMs: run.startedMs, firstTokenMs }, { status, httpStatus, errorCode, attempts: run.attempts }));
    return { final, fields: metered.fields };
  };

  async function* frames(): AsyncGenerator<string> {
    try {
      for await (const data of events) {
        firstTokenMs ??= performance.now();
        if (USAGE.test(data)) {
          const chunk = JSON.parse(data) as Record<string, unknown>;
          const reported = normalizeOpenAIUsage(chunk.usage);
          if (reported) {
            usage = reported;
            usageChunk = chunk;
            const choices = chunk.choices;
            if (Array.isArray(choices) && choices.length > 0) {
              // Usage riding on a content chunk: forward the content now, the usage at the end.
              yield frame(JSON.stringify({ ...chunk, usage: null }));
            }
            continue;
          }
        }
        if (keptBytes < MAX_KEPT_FOR_ESTIMATE) {
          kept.push(data);
          keptBytes += data.length;
        }
        yield frame(data);
      }
      upstreamDone = true;
      const { final, fields } = bill()!;
      if (run.clientWantsUsage) {
        const base = usageChunk ?? templateChunk(kept[0]);
        yield frame(JSON.stringify(Object.assign({}, base, { choices: [], usage: Object.assign(usage ? (base.usage as object) : openAIUsageOf(final), fields) })));
      }
      yield "data: [DONE]\n\n";
    } catch (error) {
      if (run.abort.signal.aborted) {
        status = "client_abort";
      } else {
        status = "upstream_error";
        run.deps.logger.warn({ requestId: run.requestId, err: (error as Error).message }, "upstream stream failed");
        yield frame(midStreamError);
      }
    } finally {
      // Left early without an error: the client went away (the stream was cancelled).
      if (!upstreamDone && status === "success") {
        status = "client_abort";
        run.abort.abort();
      }
      bill();
    }
  }

  return {
    status: 200,
    headers: Object.assign(run.headers, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-accel-buffering": "no" }),
    stream: frames(),
  };
}

function frame(data: string): string {
  return `data: ${data}\n\n`;
}

function deltaText(data: string): string {
  try {
    return completionText((JSON.parse(data) as { choices?: unknown }).choices);
  } catch {
    return "";
  }
}

/** id/object/created/model/system_fingerprint of the stream, for a usage chunk we write ourselves. */
function templateChunk(first: string | undefined): Record<string, unknown> {
  try {
    const { id, object, created, model, system_fingerprint } = JSON.parse(first ?? "{}") as Record<string, unknown>;
    return { id, object: object ?? "chat.completion.chunk", created, model, system_fingerprint };
  } catch {
    return { object: "chat.completion.chunk" };
  }
}
