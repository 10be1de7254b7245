// One search's cost and who pays it, and the usage event the worker bills from: the catalog's
// search price at the request's time (per search by depth, plus results above those included),
// then the same rules as chat (metering's bill): credits pay the cost plus the operator's margin,
// an own key pays the BYOK markup (rate × the at-cost price). No tokens.
import { searchPriceAt, type SearchDepth, type SearchPrice } from "@switchyard/catalog";
import { bill, costToStrings, Money, usageResponseFields, ZERO_COST, type Billing, type CostBreakdown } from "@switchyard/metering";
import type { UsageEventJob } from "@switchyard/queue";
import type { Decimal } from "decimal.js";
import type { ResolvedKey } from "../key-cache.ts";

export const WEB_SEARCH_ENDPOINT = "web.search";

export interface WebRates {
  byokMarkup: Decimal;
  creditsMargin: Decimal;
}

export interface SearchCharge {
  price: SearchPrice | undefined;
  cost: CostBreakdown;
  billing: Billing;
}

/**
 * The provider's price of one search returning `results` results (exact, not rounded). `mode` is
 * the provider's search type when the request chose it (Exa's exa_mode): priced by type.
 */
export function searchCost(price: SearchPrice | undefined, depth: SearchDepth, results: number, mode?: string): CostBreakdown {
  if (price === undefined) return ZERO_COST;
  const extra = price.perExtraResult === undefined ? 0 : Math.max(0, results - (price.includedResults ?? 0));
  const perSearch = (mode !== undefined ? price.perSearchByMode?.[mode] : undefined) ?? price.perSearch[depth];
  const total = new Money(perSearch).plus(extra === 0 ? 0 : new Money(price.perExtraResult!).times(extra));
  return { ...ZERO_COST, webSearch: total, total };
}

export function chargeSearch(args: {
  providerId: string;
  depth: SearchDepth;
  /** The search type the request chose for this provider (Exa's exa_mode), if any. */
  mode?: string | undefined;
  results: number;
  at: Date;
  keySource: "credits" | "byok";
  rates: WebRates;
  /** The organization's own BYOK rate (decimal string), or null for the deployment default. */
  byokMarkupRate: string | null;
}): SearchCharge {
  const price = searchPriceAt(args.providerId, args.at);
  const cost = searchCost(price, args.depth, args.results, args.mode);
  const byokMarkupRate = args.byokMarkupRate === null ? args.rates.byokMarkup : new Money(args.byokMarkupRate);
  const billing = bill({ keySource: args.keySource, cost, creditsMargin: args.rates.creditsMargin, byokMarkupRate });
  return { price, cost, billing };
}

/** The `usage` object of the response: the searches, then chat's cost fields. */
export function searchUsageFields(charge: SearchCharge, keySource: "credits" | "byok", results: number): Record<string, unknown> {
  const usage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false };
  return { searches: 1, results, ...usageResponseFields({ usage, cost: charge.cost, billing: charge.billing, keySource, priced: charge.price !== undefined }) };
}

export type SearchOutcomeFields = Pick<UsageEventJob, "status" | "httpStatus" | "errorCode" | "attempts" | "latencyMs">;

/**
 * The usage event's model: what the search was priced by, `search:<depth>`, or
 * `search:<provider>-<mode>` for a search type the request chose (`search:exa-deep-reasoning`).
 */
export function searchModelLabel(providerId: string, depth: SearchDepth, mode: string | undefined): string {
  return mode === undefined ? `search:${depth}` : `search:${providerId}-${mode}`;
}

/** One usage event per search, in the ledger and rollups exactly like a chat request. */
export function searchEvent(args: {
  requestId: string;
  key: Pick<ResolvedKey, "organizationId" | "projectId" | "apiKeyId">;
  providerId: string;
  depth: SearchDepth;
  /** The search type priced in place of depth (Exa's exa_mode), if any. */
  mode?: string | undefined;
  keySource: "credits" | "byok";
  charge: SearchCharge;
  at: Date;
  outcome: SearchOutcomeFields;
}): UsageEventJob {
  const { key, charge } = args;
  const model = searchModelLabel(args.providerId, args.depth, args.mode);
  return {
    requestId: args.requestId,
    organizationId: key.organizationId,
    projectId: key.projectId,
    apiKeyId: key.apiKeyId,
    providerId: args.providerId,
    model,
    upstreamModel: model,
    endpoint: WEB_SEARCH_ENDPOINT,
    keySource: args.keySource,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    reasoningTokens: 0,
    usageEstimated: false,
    priced: charge.price !== undefined,
    cost: costToStrings(charge.cost),
    markup: charge.billing.markup.toFixed(10),
    amountBilled: charge.billing.amountBilled.toFixed(10),
    timeToFirstTokenMs: null,
    createdAt: args.at.toISOString(),
    ...args.outcome,
  };
}

/** A failed search costs nothing: no provider bills a refused or failed request. */
export function unbilled(): SearchCharge {
  return { price: undefined, cost: ZERO_COST, billing: { markup: new Money(0), amountBilled: new Money(0) } };
}
