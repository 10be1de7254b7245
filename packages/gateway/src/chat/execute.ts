// Runs the planned attempts in order until one answers. Failover happens only here, before
// anything has been sent to the client: on rate limits, server errors, timeouts, connection
// failures, and on a rejected own key (reported in the response headers).
import type { AdapterRegistry, UpstreamFailure, UpstreamOutcome } from "@switchyard/providers";
import { isRetryable } from "@switchyard/providers";
import type { Logger } from "@switchyard/core";
import type { Attempt } from "./plan.ts";

export interface Executed {
  attempt: Attempt;
  outcome: UpstreamOutcome;
  /** How many attempts were made, this one included. */
  attempts: number;
  /** Failures of earlier attempts (for headers and logs). */
  failures: Array<{ attempt: Attempt; failure: UpstreamFailure }>;
}

export async function execute(
  adapters: AdapterRegistry,
  plan: Attempt[],
  body: Record<string, unknown>,
  stream: boolean,
  signal: AbortSignal,
  logger: Logger,
  requestId: string,
): Promise<Executed> {
  const failures: Executed["failures"] = [];
  for (let i = 0; i < plan.length; i++) {
    const attempt = plan[i]!;
    const { entry, upstreamModel } = attempt.candidate;
    const outcome = await adapters(entry.definition.protocol).chat({
      target: {
        provider: entry.definition,
        baseUrl: attempt.baseUrl ?? entry.baseUrl,
        upstreamModel,
        secret: attempt.secret,
        keySource: attempt.keySource,
        untrustedUrl: entry.untrusted === true || attempt.baseUrl !== undefined,
      },
      body,
      stream,
      signal,
    });
    const last = i === plan.length - 1;
    if (outcome.ok || last || !isRetryable(outcome)) return { attempt, outcome, attempts: i + 1, failures };
    failures.push({ attempt, failure: outcome });
    logger.warn(
      { requestId, provider: entry.definition.id, keySource: attempt.keySource, status: outcome.status, kind: outcome.kind },
      outcome.kind === "auth" && attempt.keySource === "byok" ? "own provider key rejected; falling back" : "upstream attempt failed; trying the next",
    );
  }
  throw new Error("execute() needs at least one attempt");
}
