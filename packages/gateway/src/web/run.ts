// POST /api/web (/v1/web): validate, plan the keys, search (failing over to the next planned
// attempt on rate limits, provider failures, timeouts and rejected keys), answer with the
// normalised results and their cost in `usage`, and emit one usage event. Independent of the
// HTTP layer: route.ts feeds it the authenticated request and sends the reply.
import { flagHeader } from "../chat/plan-request.ts";
import type { SearchRequest } from "@switchyard/websearch";
import type { ResolvedKey } from "../key-cache.ts";
import { rejectedOwnKey, runSearchAttempts } from "./attempts.ts";
import type { WebDeps } from "./deps.ts";
import { type SearchAttempt, planSearchFor } from "./plan.ts";
import { chargeSearch, searchEvent, searchUsageFields, unbilled, type SearchCharge, type SearchOutcomeFields } from "./price.ts";
import { parseWebSearchBody, type WebSearchBody } from "./schema.ts";
import { searchError } from "./upstream-error.ts";

export interface WebInput {
  key: ResolvedKey;
  requestId: string;
  /** A request header's value, undefined when absent. */
  header(name: string): string | undefined;
  body: unknown;
  /** Aborted when the client goes away; aborts the upstream request. */
  abort: AbortController;
}

export interface WebReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function toRequest(body: WebSearchBody): SearchRequest {
  return {
    query: body.query,
    maxResults: body.maxResults,
    depth: body.depth,
    ...(body.includeDomains.length ? { includeDomains: body.includeDomains } : {}),
    ...(body.excludeDomains.length ? { excludeDomains: body.excludeDomains } : {}),
    ...(body.recency ? { recency: body.recency } : {}),
    ...(body.exaMode ? { exaMode: body.exaMode } : {}),
  };
}

/** The search type priced for an attempt: the request's exa_mode, for Exa only (other providers ignore it). */
const modeFor = (attempt: SearchAttempt, body: WebSearchBody): string | undefined => (attempt.entry.provider.id === "exa" ? body.exaMode : undefined);

export function webSearch(deps: WebDeps) {
  return async (input: WebInput): Promise<WebReply> => {
    const startedMs = performance.now();
    const at = new Date();
    const { key, requestId, abort } = input;
    const body = parseWebSearchBody(input.body);
    const useByok = flagHeader(input.header, "x-use-byok");
    const entries = body.provider ? deps.directory.filter((e) => e.provider.id === body.provider) : deps.directory;
    const plan = await planSearchFor(deps, key, entries, useByok);

    const emit = (attempt: SearchAttempt, charge: SearchCharge, outcome: Omit<SearchOutcomeFields, "latencyMs">) =>
      deps.sink.emit(
        searchEvent({
          requestId,
          key,
          providerId: attempt.entry.provider.id,
          depth: body.depth,
          mode: modeFor(attempt, body),
          keySource: attempt.keySource,
          charge,
          at,
          outcome: { ...outcome, latencyMs: Math.round(performance.now() - startedMs) },
        }),
      );
    const charge = (attempt: SearchAttempt, results: number) =>
      chargeSearch({ providerId: attempt.entry.provider.id, depth: body.depth, mode: modeFor(attempt, body), results, at, keySource: attempt.keySource, rates: deps.rates, byokMarkupRate: key.byokMarkupRate });

    const ran = await runSearchAttempts(deps, plan, toRequest(body), abort.signal, requestId);
    const { attempt, attempts } = ran;
    if (ran.aborted) {
      // The client left while the provider was searching: bill the search that was sent, as
      // chat bills the prompt it sent.
      emit(attempt, charge(attempt, 0), { status: "client_abort", httpStatus: 499, errorCode: null, attempts });
      return { status: 499, headers: {}, body: "" };
    }
    const outcome = ran.outcome!;

    const providerId = attempt.entry.provider.id;
    const headers: Record<string, string> = {
      "x-switchyard-request-id": requestId,
      "x-switchyard-provider": providerId,
      "x-switchyard-key-source": attempt.keySource,
      "x-switchyard-attempts": String(attempts),
    };
    const rejected = rejectedOwnKey(ran.failures);
    if (rejected) headers["x-switchyard-byok-error"] = `key_rejected:${rejected}`;

    if (!outcome.ok) {
      const err = searchError(outcome, attempt);
      emit(attempt, unbilled(), { status: "upstream_error", httpStatus: err.status, errorCode: err.code, attempts });
      return { status: err.status, headers: { "content-type": "application/json", ...err.headers, ...headers }, body: JSON.stringify(err.toEnvelope()) };
    }

    const { results } = outcome;
    const charged = charge(attempt, results.length);
    emit(attempt, charged, { status: "success", httpStatus: 200, errorCode: null, attempts });
    const answer = {
      object: "web_search",
      id: requestId,
      created: Math.floor(at.getTime() / 1000),
      provider: providerId,
      query: body.query,
      results: results.map((r) => ({
        title: r.title,
        url: r.url,
        snippet: r.snippet,
        ...(r.publishedDate !== undefined ? { published_date: r.publishedDate } : {}),
        ...(r.score !== undefined ? { score: r.score } : {}),
      })),
      usage: searchUsageFields(charged, attempt.keySource, results.length),
    };
    return { status: 200, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(answer) };
  };
}
