// The session's upstream: the planned attempts in order (modes, x-byok-provider, x-use-byok),
// each connected and its first event awaited before the client's upgrade completes, so a
// refused key, a rate limit or an unreachable upstream fails over to the next attempt exactly
// as chat does before its first byte.
import { SwitchyardError } from "@switchyard/core";
import { connectRealtime, realtimeAddress, type RealtimeConnected, type UpstreamFailure, type UpstreamTarget } from "@switchyard/providers";
import type { Attempt } from "../chat/plan.ts";
import { execute } from "../chat/execute.ts";
import { upstreamError } from "../chat/upstream-error.ts";
import { attemptHeaders } from "../endpoints/attempt-headers.ts";
import { DEFAULT_MAX_PAYLOAD, type RealtimeDeps } from "./deps.ts";
import { billFailedSession } from "./meter.ts";
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
  if (usable.length === 0) throw new SwitchyardError("endpoint_not_supported", "No provider of this model offers GET /v1/realtime.", { param: "model" });
  const connect = async (target: UpstreamTarget): Promise<RealtimeConnected | UpstreamFailure> => {
    const address = realtimeAddress(target);
    const outcome =
      "ok" in address
        ? address
        : await connectRealtime(address, { headers: args.headers, timeoutMs: deps.connectTimeoutMs, allowlist: deps.allowlist, maxPayload: deps.maxPayload ?? DEFAULT_MAX_PAYLOAD, signal: args.signal });
    if (!outcome.ok && args.signal.aborted) throw new SwitchyardError("invalid_request", "The client went away before the session started.");
    return outcome;
  };
  const { attempt, outcome, attempts, failures } = await execute(usable, connect, { logger: deps.logger, requestId: sessionId, endpoint: "realtime" });
  const headers = attemptHeaders(sessionId, attempt, attempts, failures);
  if (outcome.ok) return { connected: outcome, attempt, attempts, headers };
  const err = upstreamError(outcome, attempt, headers);
  void billFailedSession({ deps: deps.chat, key: args.key, sessionId, attempt, attempts }, err.status, err.code).catch(() => {});
  throw err;
}
