// A non-streaming answer: the upstream's completion with cost and payer added to `usage`; with
// plugins, healed (healing/heal.ts) and with the web search's sources as annotations.
import { normalizeOpenAIUsage } from "@switchyard/metering";
import type { Reply } from "../errors.ts";
import { completionText, estimatedUsage, openAIUsageOf } from "./estimate.ts";
import { finishEvent, meter } from "./meter.ts";
import { healCompletion } from "./healing/heal.ts";
import type { ChatRun } from "./run.ts";
import { annotateCompletion } from "./web-search/annotations.ts";

export function respondJson(run: ChatRun, completion: Record<string, unknown>): Reply {
  if (run.healer !== undefined) healCompletion(completion, run.healer, run.headers);
  if (run.web !== undefined) annotateCompletion(completion, run.web.results);
  const reported = normalizeOpenAIUsage(completion.usage);
  const usage = reported ?? estimatedUsage(run.body.messages, completionText(completion.choices), run.body.tools);
  const metered = meter({ requestId: run.requestId, key: run.key, attempt: run.attempt, usage, at: run.at, rates: run.deps.rates, overrides: run.overrides, web: run.web });
  // Object.assign rather than spreads: on Node 20 a spread that gains properties costs microseconds.
  completion.usage = Object.assign(reported ? (completion.usage as object) : openAIUsageOf(usage), metered.fields);
  run.deps.sink.emit(finishEvent(metered.event, { startedMs: run.startedMs, firstTokenMs: null }, { status: "success", httpStatus: 200, errorCode: null, attempts: run.attempts }));
  return { status: 200, headers: Object.assign(run.headers, { "content-type": "application/json" }), body: JSON.stringify(completion) };
}
