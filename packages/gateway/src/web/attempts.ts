// Runs the planned search attempts in order until one answers: failover on rate limits, provider
// failures, timeouts and rejected keys (upstream-error.ts `retryable`), never on a refused
// request. Shared by POST /api/web (run.ts) and web search inside chat completions.
import type { Logger } from "@switchyard/core";
import type { UpstreamHttp } from "@switchyard/providers";
import type { SearchFailure, SearchOutcome, SearchRequest } from "@switchyard/websearch";
import type { SearchAttempt } from "./plan.ts";
import { retryable } from "./upstream-error.ts";

export interface SearchRun {
  /** The last attempt made (the one that answered, failed last, or was running when the client left). */
  attempt: SearchAttempt;
  /** Undefined when the client went away (`aborted`). */
  outcome: SearchOutcome | undefined;
  aborted: boolean;
  /** How many attempts were made, the last one included. */
  attempts: number;
  failures: Array<{ attempt: SearchAttempt; failure: SearchFailure }>;
}

export async function runSearchAttempts(
  deps: { http: UpstreamHttp; logger: Logger },
  plan: readonly SearchAttempt[],
  request: SearchRequest,
  signal: AbortSignal,
  requestId: string,
): Promise<SearchRun> {
  const failures: SearchRun["failures"] = [];
  let attempt = plan[0]!;
  try {
    for (const [i, next] of plan.entries()) {
      attempt = next;
      const target = { baseUrl: attempt.entry.baseUrl, apiKey: attempt.secret, untrustedUrl: false };
      const outcome = await attempt.entry.provider.search(deps.http, target, request, signal);
      if (outcome.ok || i === plan.length - 1 || !retryable(outcome)) return { attempt, outcome, aborted: false, attempts: i + 1, failures };
      failures.push({ attempt, failure: outcome });
      deps.logger.warn(
        { requestId, provider: attempt.entry.provider.id, keySource: attempt.keySource, status: outcome.status, kind: outcome.kind },
        attempt.keySource === "byok" && (outcome.kind === "auth" || outcome.kind === "forbidden") ? "own web-search key rejected; falling back" : "web search failed; trying the next attempt",
      );
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    return { attempt, outcome: undefined, aborted: true, attempts: failures.length + 1, failures };
  }
  throw new Error("runSearchAttempts() needs at least one attempt");
}

/** The own search key a provider rejected before a later attempt answered, for x-switchyard-byok-error. */
export function rejectedOwnKey(failures: SearchRun["failures"]): string | undefined {
  const rejected = failures.find((f) => f.attempt.keySource === "byok" && (f.failure.kind === "auth" || f.failure.kind === "forbidden"));
  return rejected?.attempt.entry.provider.id;
}
