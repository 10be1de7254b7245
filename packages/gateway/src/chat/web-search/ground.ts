// Engine "switchyard" before the model is called: search for the latest user question, then
// hand the model the results in a system message (prompt.ts). The search runs after the model's
// keys are planned, so a request that cannot reach the model never pays for a search.
//
// A failed search fails the request with the search's error (as POST /api/web answers it: 401/403
// for a rejected own key, 429 with retry-after, 502, 504): the model is never called without the
// results it was promised. That failure is the request's usage event (status upstream_error,
// nothing billed: no provider bills a failed search). A client that leaves during the search is
// billed for the search only (status client_abort).
import { SwitchyardError, type Logger } from "@switchyard/core";
import type { PriceBook } from "@switchyard/catalog";
import { errorReply, type Reply } from "../../errors.ts";
import type { ResolvedKey } from "../../key-cache.ts";
import type { WebDeps } from "../../web/deps.ts";
import { finishEvent, meter, ZERO_USAGE, type BillingRates } from "../meter.ts";
import type { Attempt } from "../plan.ts";
import type { WebPlugin } from "../plugins.ts";
import type { ChatRequest } from "../schema.ts";
import type { UsageSink } from "../../usage-sink.ts";
import { resultsMessage, withResultsMessage } from "./prompt.ts";
import { searchQuery } from "./query.ts";
import { searchForChat, type ChatWeb } from "./search.ts";

export interface GroundArgs {
  web: WebDeps | undefined;
  sink: UsageSink;
  rates: BillingRates;
  logger: Logger;
  key: ResolvedKey;
  requestId: string;
  useByok: boolean;
  plugin: WebPlugin;
  messages: ChatRequest["messages"];
  /** The first planned model attempt: the usage event of a request that ends here names it. */
  attempt: Attempt;
  at: Date;
  startedMs: number;
  overrides: PriceBook;
  abort: AbortController;
}

export type Grounded = { ok: true; web: ChatWeb; headers: Record<string, string>; messages: ChatRequest["messages"] } | { ok: false; reply: Reply };

export async function ground(args: GroundArgs): Promise<Grounded> {
  if (args.web === undefined) throw new SwitchyardError("invalid_request", "Web search is not configured on this gateway.", { param: args.plugin.param });
  const query = searchQuery(args.messages);
  const searched = await searchForChat({ web: args.web, key: args.key, useByok: args.useByok, plugin: args.plugin, query, at: args.at, signal: args.abort.signal, requestId: args.requestId });
  if (searched.ok) {
    const messages = withResultsMessage(args.messages, resultsMessage(searched.web.results, args.plugin.searchPrompt, args.at));
    return { ok: true, web: searched.web, headers: searched.headers, messages };
  }
  const web = "aborted" in searched ? searched.web : undefined;
  const metered = meter({ requestId: args.requestId, key: args.key, attempt: args.attempt, usage: ZERO_USAGE, at: args.at, rates: args.rates, overrides: args.overrides, web });
  const timing = { startedMs: args.startedMs, firstTokenMs: null };
  if ("aborted" in searched) {
    args.sink.emit(finishEvent(metered.event, timing, { status: "client_abort", httpStatus: 499, errorCode: null, attempts: 0 }));
    return { ok: false, reply: { status: 499, headers: {}, body: "" } };
  }
  const err = searched.error;
  args.sink.emit(finishEvent(metered.event, timing, { status: "upstream_error", httpStatus: err.status, errorCode: err.code, attempts: 0 }));
  const reply = errorReply(err, args.logger, args.requestId);
  return { ok: false, reply: { ...reply, headers: { ...reply.headers, "x-switchyard-request-id": args.requestId, ...searched.headers } } };
}
