// Engine "switchyard": one search for a chat request, with the keys POST /api/web would use
// (web/plan.ts: the project's mode, x-use-byok, the organization's web-search keys, the house
// keys) and its failover across providers in the documented order (web/attempts.ts). Depth is
// always "basic". A plan that cannot be made (no usable key, no credit) throws its 400/402.
import type { SwitchyardError } from "@switchyard/core";
import type { SearchResult } from "@switchyard/websearch";
import type { ResolvedKey } from "../../key-cache.ts";
import { rejectedOwnKey, runSearchAttempts } from "../../web/attempts.ts";
import type { WebDeps } from "../../web/deps.ts";
import { planSearchFor, type SearchAttempt } from "../../web/plan.ts";
import { chargeSearch, type SearchCharge } from "../../web/price.ts";
import { searchError } from "../../web/upstream-error.ts";
import type { WebPlugin } from "../plugins.ts";

/** A search that ran for a chat request: its results, who paid, and its cost. */
export interface ChatWeb {
  providerId: string;
  keySource: "credits" | "byok";
  results: readonly SearchResult[];
  charge: SearchCharge;
}

export type ChatSearch =
  | { ok: true; web: ChatWeb; headers: Record<string, string> }
  | { ok: false; error: SwitchyardError; headers: Record<string, string> }
  /** The client left during the search: the search that was sent is billed (`web`). */
  | { ok: false; aborted: true; web: ChatWeb };

export async function searchForChat(args: {
  web: WebDeps;
  key: ResolvedKey;
  useByok: boolean;
  plugin: WebPlugin;
  query: string;
  at: Date;
  signal: AbortSignal;
  requestId: string;
}): Promise<ChatSearch> {
  const { web, key, useByok, plugin, at } = args;
  const entries = plugin.provider ? web.directory.filter((e) => e.provider.id === plugin.provider) : web.directory;
  const plan = await planSearchFor(web, key, entries, useByok);

  const ran = await runSearchAttempts(web, plan, { query: args.query, maxResults: plugin.maxResults, depth: "basic" }, args.signal, args.requestId);
  const chatWeb = (attempt: SearchAttempt, results: readonly SearchResult[]): ChatWeb => ({
    providerId: attempt.entry.provider.id,
    keySource: attempt.keySource,
    results,
    charge: chargeSearch({ providerId: attempt.entry.provider.id, depth: "basic", results: results.length, at, keySource: attempt.keySource, rates: web.rates, byokMarkupRate: key.byokMarkupRate }),
  });
  if (ran.aborted) return { ok: false, aborted: true, web: chatWeb(ran.attempt, []) };

  const headers: Record<string, string> = {
    "x-switchyard-web-search-provider": ran.attempt.entry.provider.id,
    "x-switchyard-web-search-key-source": ran.attempt.keySource,
    "x-switchyard-web-search-attempts": String(ran.attempts),
  };
  const rejected = rejectedOwnKey(ran.failures);
  if (rejected) headers["x-switchyard-web-search-byok-error"] = `key_rejected:${rejected}`;
  const outcome = ran.outcome!;
  if (!outcome.ok) return { ok: false, error: searchError(outcome, ran.attempt), headers };
  return { ok: true, web: chatWeb(ran.attempt, outcome.results), headers };
}
