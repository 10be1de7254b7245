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
import { attemptHeaders } from "../endpoints/attempt-headers.ts";
import { checkServes, type EndpointRequirement } from "./endpoint-check.ts";
import type { ProviderDirectory } from "@switchyard/providers";
import { estimatedUsage } from "./estimate.ts";
import { execute } from "./execute.ts";
import { finishEvent, meter, ZERO_USAGE, type BillingRates } from "./meter.ts";
import type { OrgKeys } from "./org-keys.ts";
import { flagHeader, planRequest } from "./plan-request.ts";
import type { PriceOverrides } from "./price-overrides.ts";
import type { Attempt } from "./plan.ts";
import type { Candidate } from "./resolve-model.ts";
import { respondJson } from "./respond-json.ts";
import { respondStream, type StreamReply } from "./respond-stream.ts";
import { candidateCache } from "./candidate-cache.ts";
import type { ChatRequest } from "./schema.ts";
import { upstreamError } from "./upstream-error.ts";
import { validateChatRequest } from "./validate.ts";
import type { Healer } from "./healing/prepare.ts";
import { nativeSearchCandidates, pluginBody } from "./plugins-body.ts";
import { asksForPlugins, parsePlugins, type ChatPlugins } from "./plugins.ts";
import { settleWebEngine, switchyardCandidates } from "./web-engine.ts";
import { ground } from "./web-search/ground.ts";
import type { ChatWeb } from "./web-search/search.ts";
import { annotateStream } from "./web-search/stream.ts";
import type { WebDeps } from "../web/deps.ts";

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
  /** Audio uploads (transcriptions, translations): the largest file, bytes (SWITCHYARD_AUDIO_MAX_MB; default 25 MiB). */
  audioMaxFileBytes?: number;
  /** Image edits: the largest multipart upload, bytes (default 50 MiB). */
  imagesMaxUploadBytes?: number;
  /** Web search (engine switchyard): the /api/web route's keys, providers and pricing. */
  web?: WebDeps;
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
  /** The request's web search (engine switchyard), billed with it and cited in the answer. */
  web: ChatWeb | undefined;
  /** Response healing (non-streaming JSON answers). */
  healer: Healer | undefined;
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

/**
 * Engine "native" keeps only the candidates that search natively, and refuses a model without any;
 * engine "switchyard" keeps only those that do not search on their own, and refuses a model
 * without any (engine "auto" keeps them all: web-engine.ts).
 */
function pluginCandidates(plugins: ChatPlugins, candidatesFor: (model: string, forced: string | undefined) => Candidate[]) {
  const web = plugins.web;
  if (web === undefined || web.engine === "auto") return { candidatesFor, check: checkChat };
  const keep = web.engine === "native" ? (candidates: Candidate[], model: string) => nativeSearchCandidates(candidates, model, web.param) : (candidates: Candidate[], model: string) => switchyardCandidates(candidates, model, web);
  return {
    candidatesFor: (model: string, forced: string | undefined) => keep(candidatesFor(model, forced), model),
    check: (candidates: Candidate[]) => {
      checkChat(candidates);
      keep(candidates, plugins.model);
    },
  };
}

export function chatCompletions(deps: ChatDeps) {
  const candidatesFor = candidateCache(deps.directory);
  return async (input: ChatInput): Promise<ChatReply> => {
    const startedMs = performance.now();
    const at = new Date();
    const { key, requestId, abort } = input;
    let body = validateChatRequest(input.body);
    // Plugins (web search, response healing) cost nothing unless asked for: one cheap test.
    const asked = asksForPlugins(body) ? parsePlugins(body) : undefined;
    // Imported on first use: the schema checker (Ajv) stays out of gateways nobody asks to heal.
    const healer = asked?.healing ? (await import("./healing/prepare.ts")).prepareHealing(body) : undefined;
    const overrides = await deps.prices.load();
    let plan =
      asked === undefined
        ? await planRequest(deps, { key, header: input.header, model: body.model, byokConf: body.byok_conf, candidatesFor, check: checkChat })
        : await planRequest(deps, { key, header: input.header, model: asked.model, byokConf: body.byok_conf, ...pluginCandidates(asked, candidatesFor) });

    let web: ChatWeb | undefined;
    let webHeaders: Record<string, string> | undefined;
    if (asked !== undefined) {
      // No engine named: native when every planned attempt searches natively or one searches on its own, else switchyard.
      const settled = settleWebEngine(asked, plan);
      const plugins = settled.plugins;
      plan = settled.plan;
      let messages: ChatRequest["messages"] | undefined;
      if (plugins.web?.engine === "switchyard") {
        const useByok = flagHeader(input.header, "x-use-byok");
        const grounded = await ground({ web: deps.web, sink: deps.sink, rates: deps.rates, logger: deps.logger, key, requestId, useByok, plugin: plugins.web, messages: body.messages, attempt: plan[0]!, at, startedMs, overrides, abort });
        if (!grounded.ok) return grounded.reply;
        ({ web, messages } = grounded);
        webHeaders = grounded.headers;
      }
      body = pluginBody(body, plugins, messages);
    }

    const { byok_conf: _secret, ...upstreamBody } = body;
    const stream = body.stream === true;

    let executed;
    try {
      executed = await execute(plan, (target, attempt) => deps.adapters(attempt.candidate.entry.definition.protocol).chat({ target, body: upstreamBody, stream, signal: abort.signal }), { logger: deps.logger, requestId });
    } catch (error) {
      if (!abort.signal.aborted) throw error;
      // The client left while the upstream was working: bill the prompt it was sent.
      const usage = estimatedUsage(body.messages, "", body.tools);
      const metered = meter({ requestId, key, attempt: plan[0]!, usage, at, rates: deps.rates, overrides, web });
      deps.sink.emit(finishEvent(metered.event, { startedMs, firstTokenMs: null }, { status: "client_abort", httpStatus: 499, errorCode: null, attempts: 1 }));
      return { status: 499, headers: {}, body: "" };
    }
    const { attempt, outcome, attempts, failures } = executed;
    const headers = attemptHeaders(requestId, attempt, attempts, failures);
    if (webHeaders !== undefined) Object.assign(headers, webHeaders);

    const run: ChatRun = { deps, requestId, key, body, attempt, attempts, at, overrides, startedMs, headers, clientWantsUsage: body.stream_options?.include_usage === true, abort, web, healer };
    if (!outcome.ok) {
      const err = upstreamError(outcome, attempt, headers);
      const metered = meter({ requestId, key, attempt, usage: ZERO_USAGE, at, rates: deps.rates, overrides, web });
      deps.sink.emit(finishEvent(metered.event, { startedMs, firstTokenMs: null }, { status: "upstream_error", httpStatus: err.status, errorCode: err.code, attempts }));
      return errorReply(err, deps.logger, requestId);
    }
    if (!outcome.stream) return respondJson(run, outcome.completion);
    return respondStream(run, web === undefined ? outcome.events : annotateStream(outcome.events, web.results));
  };
}
