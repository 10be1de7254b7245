// Which provider and key each search attempt uses, in order: the same rules as chat
// (chat/plan.ts), with web-search keys.
//
// - credits: the operator's house key, paid from credits.
// - byok:    only the organization's own web-search key; none → provider_key_required.
// - hybrid:  the own key if active, then the house key (unless the project forbids the fallback).
// - x-use-byok: true → an own key is required, no credits.
// A named provider is the only one tried; otherwise every provider in the documented order,
// so a failing one fails over to the next.
import { SwitchyardError } from "@switchyard/core";
import type { ResolvedKey } from "../key-cache.ts";
import type { WebDeps } from "./deps.ts";
import type { SearchEntry } from "./directory.ts";

export interface SearchAttempt {
  entry: SearchEntry;
  keySource: "credits" | "byok";
  secret: string;
}

export interface SearchPlanInput {
  mode: "credits" | "byok" | "hybrid";
  allowCreditsFallback: boolean;
  /** The named provider alone, or every provider in order. */
  entries: readonly SearchEntry[];
  ownKey: (providerId: string) => string | undefined;
  useByok: boolean;
  hasCredits: boolean;
}

export function planSearch(input: SearchPlanInput): SearchAttempt[] {
  const { mode, entries } = input;
  const ownRequired = mode === "byok" || input.useByok;
  const attempts: SearchAttempt[] = [];
  let creditsBlockedByBalance = false;
  for (const entry of entries) {
    const own = mode !== "credits" || input.useByok ? input.ownKey(entry.provider.id) : undefined;
    if (own !== undefined) attempts.push({ entry, keySource: "byok", secret: own });
    const creditsAllowed = !ownRequired && !(own !== undefined && mode === "hybrid" && !input.allowCreditsFallback);
    if (creditsAllowed && entry.houseKey) {
      if (input.hasCredits) attempts.push({ entry, keySource: "credits", secret: entry.houseKey });
      else creditsBlockedByBalance = true;
    }
  }
  if (attempts.length > 0) return attempts;
  if (creditsBlockedByBalance) {
    throw new SwitchyardError("insufficient_credits", "Your organization's credit balance is exhausted. Add credits, or add your own web-search key to use it instead.");
  }
  const names = entries.map((e) => `${e.provider.name} (\`${e.provider.id}\`)`).join(", ");
  const param = entries.length === 1 ? { param: "provider" } : {};
  if (!ownRequired) {
    throw new SwitchyardError(
      "provider_key_required",
      `The gateway has no web-search key of its own for ${names}. Add your organization's web-search key with the control plane's provider keys (kind web_search): it is used in byok and hybrid projects, and with x-use-byok: true.`,
      param,
    );
  }
  const why = mode === "byok" ? "This project uses its own provider keys (mode byok)" : "This request requires your own web-search key (x-use-byok)";
  const which = entries.length === 1 ? `an active ${names} web-search key` : `an active web-search key for any of ${names}`;
  throw new SwitchyardError("provider_key_required", `${why}, and your organization does not have ${which}. Add one with the control plane's provider keys (kind web_search).`, param);
}

const NO_KEYS: ReadonlyMap<string, string> = new Map();

/** The plan for one request: the organization's web-search keys loaded when the mode needs them, the credit check, then planSearch. */
export async function planSearchFor(deps: Pick<WebDeps, "searchKeys" | "balances">, key: ResolvedKey, entries: readonly SearchEntry[], useByok: boolean): Promise<SearchAttempt[]> {
  const own = key.projectMode !== "credits" || useByok ? await deps.searchKeys.load(key.organizationId) : NO_KEYS;
  const hasCredits = key.projectMode === "byok" || useByok ? false : await deps.balances.hasCredit(key.organizationId);
  return planSearch({ mode: key.projectMode, allowCreditsFallback: key.allowCreditsFallback, entries, ownKey: (id) => own.get(id), useByok, hasCredits });
}
