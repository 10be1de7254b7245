// The session's upstream: the planned attempts in order (modes, x-byok-provider, x-use-byok),
// each connected and its first event awaited before the client's upgrade completes, so a
// refused key, a rate limit or an unreachable upstream fails over to the next attempt exactly
// as chat does before its first byte.
import { SwitchyardError } from "@switchyard/core";
import { connectRealtime, isRetryable, realtimeAddress, type RealtimeConnected, type UpstreamFailure } from "@switchyard/providers";
import type { Attempt } from "../chat/plan.ts";
import { upstreamError } from "../chat/upstream-error.ts";
import { attemptHeaders } from "../endpoints/attempt-headers.ts";
import { DEFAULT_MAX_PAYLOAD, type RealtimeDeps } from "./deps.ts";
import { createSessionMeter } from "./meter.ts";
import type { ResolvedKey } from "../key-cache.ts";

export interface Upstream {
  connected: RealtimeConnected;
  attempt: Attempt;
  attempts: number;
  headers: Record<string, string>;
}

export async function connectUpstream(deps: RealtimeDeps, args: { key: ResolvedKey; sessionId: string; plan: Attempt[]; headers: Record<string, string>; signal: AbortSignal }): Promise<Upstream> {
  const { plan, sessionId } = args;
  const usable = plan.filter((a) => a.candidate.entry.definition.supports?.realtime === true);
  const failures: Array<{ attempt: Attempt; failure: UpstreamFailure }> = [];
  for (let i = 0; i < usable.length; i++) {
    const attempt = usable[i]!;
    const { entry, upstreamModel } = attempt.candidate;
    const address = realtimeAddress({
      provider: entry.definition,
      baseUrl: attempt.baseUrl ?? entry.baseUrl,
      upstreamModel,
      secret: attempt.secret,
      keySource: attempt.keySource,
      untrustedUrl: entry.untrusted === true || attempt.baseUrl !== undefined,
    });
    const outcome =
      "ok" in address
        ? address
        : await connectRealtime(address, { headers: args.headers, timeoutMs: deps.connectTimeoutMs, allowlist: deps.allowlist, maxPayload: deps.maxPayload ?? DEFAULT_MAX_PAYLOAD, signal: args.signal });
    const headers = attemptHeaders(sessionId, attempt, i + 1, failures);
    if (outcome.ok) return { connected: outcome, attempt, attempts: i + 1, headers };
    if (args.signal.aborted) throw new SwitchyardError("invalid_request", "The client went away before the session started.");
    if (i < usable.length - 1 && isRetryable(outcome)) {
      failures.push({ attempt, failure: outcome });
      deps.logger.warn(
        { requestId: sessionId, provider: entry.definition.id, keySource: attempt.keySource, status: outcome.status, kind: outcome.kind, endpoint: "realtime" },
        outcome.kind === "auth" && attempt.keySource === "byok" ? "own provider key rejected; falling back" : "upstream attempt failed; trying the next",
      );
      continue;
    }
    const err = upstreamError(outcome, attempt);
    createSessionMeter({ deps: deps.chat, key: args.key, sessionId, attempt, attempts: i + 1 }).failed(err.status, err.code);
    throw new SwitchyardError(err.code, err.message, { ...(err.param ? { param: err.param } : {}), headers: { ...err.headers, ...headers } });
  }
  throw new SwitchyardError("endpoint_not_supported", "No provider of this model offers GET /v1/realtime.", { param: "model" });
}
