// One request to an endpoint besides chat (embeddings, audio, images), through the same steps
// as chat: plan the keys (modes, x-byok-provider, x-use-byok, byok_conf), check the model's kind
// and the provider's support, try the attempts in order (failover before the first byte on rate
// limits, server errors, timeouts, connection failures and rejected own keys), then bill the
// usage once: the cost fields for the response, one usage event for the worker.
//
// The endpoint's own code parses the body, calls its upstream in `call`, and turns the result
// into the client's answer; it calls `bill` when the usage is known (for a streamed answer, at
// its end) or `abandon` when the client left first.
import type { ModelKind } from "@switchyard/catalog";
import type { NormalizedUsage, UsageResponseFields } from "@switchyard/metering";
import type { UpstreamFailure, UpstreamTarget } from "@switchyard/providers";
import { isRetryable } from "@switchyard/providers";
import type { UsageStatus } from "@switchyard/queue";
import { SwitchyardError } from "@switchyard/core";
import type { ResolvedKey } from "../key-cache.ts";
import { candidateCache } from "../chat/candidate-cache.ts";
import { checkProviderServes, checkServes, type Capability } from "../chat/endpoint-check.ts";
import { ZERO_USAGE } from "../chat/meter.ts";
import type { Attempt } from "../chat/plan.ts";
import { type ByokConf, planRequest } from "../chat/plan-request.ts";
import type { Candidate } from "../chat/resolve-model.ts";
import type { ChatDeps } from "../chat/run.ts";
import { execute } from "../chat/execute.ts";
import { upstreamError } from "../chat/upstream-error.ts";
import { attemptHeaders } from "./attempt-headers.ts";
import { pricedEvent } from "./usage-event.ts";

export type EndpointName = "embeddings" | "audio.speech" | "audio.transcriptions" | "audio.translations" | "images.generations" | "images.edits";

export interface EndpointSpec<R> {
  endpoint: EndpointName;
  /** The path clients call, for messages: "POST /v1/embeddings". */
  path: string;
  kind: ModelKind;
  capability: Capability;
  /** The body's `model` (`provider/model` pins a provider). */
  model: string;
  /** The body's validated byok_conf, for endpoints whose body can carry one. */
  byokConf?: ByokConf;
  /** What the request costs when the client leaves while the upstream works (e.g. its input tokens); none: unbilled. */
  sent?(): NormalizedUsage;
  /** One upstream attempt. A failure lets the runner try the next planned attempt, unless it consumed usage. */
  call(target: UpstreamTarget, candidate: Candidate, signal: AbortSignal): Promise<{ ok: true; value: R } | EndpointFailure>;
}

/** A failed attempt; `consumed`: what the upstream had already charged for before it failed. */
export type EndpointFailure = UpstreamFailure & { consumed?: NormalizedUsage };

export interface EndpointInput {
  key: ResolvedKey;
  requestId: string;
  /** A request header's value, undefined when absent. */
  header(name: string): string | undefined;
  /** Aborted when the client goes away; aborts the upstream request. */
  abort: AbortController;
}

export interface Ran<R> {
  value: R;
  attempt: Attempt;
  attempts: number;
  /** x-switchyard-request-id, -provider, -key-source, -attempts (and -byok-error). */
  headers: Record<string, string>;
  /** Prices `usage`, emits the request's usage event, and returns the `usage` cost fields. Only the first call bills. */
  bill(usage: NormalizedUsage, outcome?: { status?: UsageStatus; httpStatus?: number }): UsageResponseFields;
  /** The client left before the answer was complete: bills `usage` (what the upstream was asked for) as a client abort. */
  abandon(usage?: NormalizedUsage): void;
}

export function endpointRunner(deps: ChatDeps) {
  const candidatesFor = candidateCache(deps.directory);
  return async function runEndpoint<R>(input: EndpointInput, spec: EndpointSpec<R>): Promise<Ran<R>> {
    const startedMs = performance.now();
    const at = new Date();
    const { key, requestId, abort } = input;
    const overrides = await deps.prices.load();
    const need = { endpoint: spec.path, kind: spec.kind, capability: spec.capability };
    const plan = await planRequest(deps, {
      key,
      header: input.header,
      model: spec.model,
      kind: spec.kind,
      byokConf: spec.byokConf,
      candidatesFor,
      check: (candidates) => checkServes(candidates, need),
      checkProvider: (name) => checkProviderServes(deps.directory, name, need),
    });

    let billed: UsageResponseFields | undefined;
    const emit = (attempt: Attempt, usage: NormalizedUsage, attempts: number, outcome: { status: UsageStatus; httpStatus: number; errorCode: string | null }): UsageResponseFields => {
      const latencyMs = Math.round(performance.now() - startedMs);
      const { event, fields } = pricedEvent({ requestId, endpoint: spec.endpoint, key, attempt, attempts, usage, at, book: overrides, rates: deps.rates, latencyMs, outcome });
      deps.sink.emit(event);
      return fields;
    };

    const call = async (target: UpstreamTarget, attempt: Attempt, attempts: number): Promise<{ ok: true; value: R } | EndpointFailure> => {
      try {
        return await spec.call(target, attempt.candidate, abort.signal);
      } catch (error) {
        if (!abort.signal.aborted) throw error;
        // The client left while the upstream was working: bill what it was sent, as chat does.
        emit(attempt, spec.sent?.() ?? ZERO_USAGE, attempts, { status: "client_abort", httpStatus: 499, errorCode: null });
        throw new SwitchyardError("invalid_request", "The client closed the request.", { cause: error });
      }
    };
    // An attempt that consumed usage before failing is billed, never retried: the client would pay twice.
    const retry = (failure: EndpointFailure) => isRetryable(failure) && failure.consumed === undefined;
    const { attempt, outcome, attempts, failures } = await execute(plan, call, { logger: deps.logger, requestId, endpoint: spec.endpoint }, retry);
    const headers = attemptHeaders(requestId, attempt, attempts, failures);
    if (outcome.ok) {
      return {
        value: outcome.value,
        attempt,
        attempts,
        headers,
        bill(usage, result = {}) {
          billed ??= emit(attempt, usage, attempts, { status: result.status ?? "success", httpStatus: result.httpStatus ?? 200, errorCode: null });
          return billed;
        },
        abandon(usage = spec.sent?.() ?? ZERO_USAGE) {
          billed ??= emit(attempt, usage, attempts, { status: "client_abort", httpStatus: 499, errorCode: null });
        },
      };
    }
    const err = upstreamError(outcome, attempt, headers);
    emit(attempt, outcome.consumed ?? ZERO_USAGE, attempts, { status: "upstream_error", httpStatus: err.status, errorCode: err.code });
    throw err;
  };
}

export type RunEndpoint = ReturnType<typeof endpointRunner>;
