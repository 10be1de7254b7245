// Runs the planned attempts in order until one answers, for every endpoint (chat, the endpoints
// besides chat, realtime). Failover happens only here, before anything has been sent to the
// client: on rate limits, server errors, timeouts, connection failures, and on a rejected own key
// (reported in the response headers). The caller turns the last outcome into its answer.
import type { Logger } from "@switchyard/core";
import { isRetryable, type UpstreamFailure, type UpstreamTarget } from "@switchyard/providers";
import type { Attempt } from "./plan.ts";

export interface Executed<T> {
  attempt: Attempt;
  /** The answer, or the last attempt's failure (or one the caller would not retry). */
  outcome: T;
  /** How many attempts were made, this one included. */
  attempts: number;
  /** Failures of earlier attempts (for headers and logs). */
  failures: Array<{ attempt: Attempt; failure: UpstreamFailure }>;
}

/** Where an attempt goes and with which key. */
export function targetOf(attempt: Attempt): UpstreamTarget {
  const { entry, upstreamModel } = attempt.candidate;
  return {
    provider: entry.definition,
    baseUrl: attempt.baseUrl ?? entry.baseUrl,
    upstreamModel,
    secret: attempt.secret,
    keySource: attempt.keySource,
    untrustedUrl: entry.untrusted === true || attempt.baseUrl !== undefined,
  };
}

export async function execute<T extends { ok: true } | UpstreamFailure>(
  plan: readonly Attempt[],
  call: (target: UpstreamTarget, attempt: Attempt, attempts: number) => Promise<T>,
  log: { logger: Logger; requestId: string; endpoint?: string },
  /** May the next attempt be tried after this failure? (Default: every kind but a client error.) */
  retry: (failure: T & UpstreamFailure) => boolean = isRetryable,
): Promise<Executed<T>> {
  const failures: Executed<T>["failures"] = [];
  for (let i = 0; i < plan.length; i++) {
    const attempt = plan[i]!;
    const outcome = await call(targetOf(attempt), attempt, i + 1);
    if (outcome.ok || i === plan.length - 1 || !retry(outcome as T & UpstreamFailure)) return { attempt, outcome, attempts: i + 1, failures };
    const failure = outcome as T & UpstreamFailure;
    failures.push({ attempt, failure });
    log.logger.warn(
      { requestId: log.requestId, provider: attempt.candidate.entry.definition.id, keySource: attempt.keySource, status: failure.status, kind: failure.kind, ...(log.endpoint ? { endpoint: log.endpoint } : {}) },
      failure.kind === "auth" && attempt.keySource === "byok" ? "own provider key rejected; falling back" : "upstream attempt failed; trying the next",
    );
  }
  throw new Error("execute() needs at least one attempt");
}
