// POST /v1/chat/completions: validate, resolve the model, plan the keys, run the attempts,
// answer (JSON or stream) with cost in `usage`, and emit one usage event. Independent of the
// HTTP layer: chat/route.ts feeds it the parsed request and sends the reply.
import type { Logger } from "@switchyard/core";
import type { PriceBook } from "@switchyard/catalog";
import type { AdapterRegistry, UpstreamHttp } from "@switchyard/providers";
import { errorReply, type Reply } from "../errors.ts";
import type { ResolvedKey } from "../key-cache.ts";
import type { UsageSink } from "../usage-sink.ts";
import type { Balances } from "./balances.ts";
import type { CustomProviders } from "./custom-providers.ts";
import { checkServes, type EndpointRequirement } from "./endpoint-check.ts";
import type { ProviderDirectory } from "@switchyard/providers";
import { estimatedUsage } from "./estimate.ts";
import { execute } from "./execute.ts";
import { finishEvent, meter, ZERO_USAGE, type BillingRates } from "./meter.ts";
import type { OrgKeys } from "./org-keys.ts";
import { planRequest } from "./plan-request.ts";
import type { PriceOverrides } from "./price-overrides.ts";
import type { Attempt } from "./plan.ts";
import type { Candidate } from "./resolve-model.ts";
import { respondJson } from "./respond-json.ts";
import { respondStream, type StreamReply } from "./respond-stream.ts";
import { candidateCache } from "./candidate-cache.ts";
import type { ChatRequest } from "./schema.ts";
import { upstreamError } from "./upstream-error.ts";
import { validateChatRequest } from "./validate.ts";

export interface ChatDeps {
  directory: ProviderDirectory;
  adapters: AdapterRegistry;
  /** The upstream HTTP client the adapters use (for the endpoints besides chat). */
  http: UpstreamHttp;
  orgKeys: OrgKeys;
  balances: Balances;
  customProviders: CustomProviders;
  prices: PriceOverrides;
  sink: UsageSink;
  rates: BillingRates;
  logger: Logger;
  maxBodyBytes: number;
}

export interface ChatRun {
  deps: ChatDeps;
  requestId: string;
  key: ResolvedKey;
  body: ChatRequest;
  attempt: Attempt;
  attempts: number;
  at: Date;
  /** Operator price overrides as loaded when the request started. */
  overrides: PriceBook;
  startedMs: number;
  headers: Record<string, string>;
  clientWantsUsage: boolean;
  abort: AbortController;
}

/** One authenticated request, its body parsed but not yet validated. */
export interface ChatInput {
  key: ResolvedKey;
  requestId: string;
  /** A request header's value, undefined when absent. */
  header(name: string): string | undefined;
  body: unknown;
  /** Aborted when the client goes away; aborts the upstream request. */
  abort: AbortController;
}

export type ChatReply = Reply | StreamReply;

const CHAT: EndpointRequirement = { endpoint: "POST /v1/chat/completions", kind: "chat" };
const checkChat = (candidates: Candidate[]) => checkServes(candidates, CHAT);

export function chatCompletions(deps: ChatDeps) {
  const candidatesFor = candidateCache(deps.directory);
  return async (input: ChatInput): Promise<ChatReply> => {
    const startedMs = performance.now();
    const at = new Date();
    const { key, requestId, abort } = input;
    const body = validateChatRequest(input.body);
    const overrides = await deps.prices.load();
    const plan = await planRequest(deps, { key, header: input.header, model: body.model, byokConf: body.byok_conf, candidatesFor, check: checkChat });

    const { byok_conf: _secret, ...upstreamBody } = body;
    const stream = body.stream === true;

    let executed;
    try {
      executed = await execute(deps.adapters, plan, upstreamBody, stream, abort.signal, deps.logger, requestId);
    } catch (error) {
      if (!abort.signal.aborted) throw error;
      // The client left while the upstream was working: bill the prompt it was sent.
      const usage = estimatedUsage(body.messages, "", body.tools);
      const metered = meter({ requestId, key, attempt: plan[0]!, usage, at, rates: deps.rates, overrides });
      deps.sink.emit(finishEvent(metered.event, { startedMs, firstTokenMs: null }, { status: "client_abort", httpStatus: 499, errorCode: null, attempts: 1 }));
      return { status: 499, headers: {}, body: "" };
    }
    const { attempt, outcome, attempts, failures } = executed;
    const headers: Record<string, string> = {
      "x-switchyard-request-id": requestId,
      "x-switchyard-provider": attempt.candidate.entry.definition.id,
      "x-switchyard-key-source": attempt.keySource,
      "x-switchyard-attempts": String(attempts),
    };
    const rejected = failures.find((f) => f.attempt.keySource === "byok" && f.failure.kind === "auth");
    if (rejected) headers["x-switchyard-byok-error"] = `key_rejected:${rejected.attempt.candidate.entry.definition.id}`;

    const run: ChatRun = { deps, requestId, key, body, attempt, attempts, at, overrides, startedMs, headers, clientWantsUsage: body.stream_options?.include_usage === true, abort };
    if (!outcome.ok) {
      const err = upstreamError(outcome, attempt);
      const metered = meter({ requestId, key, attempt, usage: ZERO_USAGE, at, rates: deps.rates, overrides });
      deps.sink.emit(finishEvent(metered.event, { startedMs, firstTokenMs: null }, { status: "upstream_error", httpStatus: err.status, errorCode: err.code, attempts }));
      const reply = errorReply(err, deps.logger, requestId);
      return { ...reply, headers: { ...reply.headers, ...headers } };
    }
    return outcome.stream ? respondStream(run, outcome.events) : respondJson(run, outcome.completion);
  };
}
