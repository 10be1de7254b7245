// One stored usage event, priced again from its stored token counts at the price now in effect
// at its createdAt, billed with the rates it was billed with. The rates are not stored on the
// event: the deployment's rates (and the organization's BYOK rate) are used only when they
// reproduce the event's stored billing from its stored cost; otherwise the rate changed since
// and the event is left alone (reported, never billed on a guess).
import { findOffering, type PriceBook } from "@switchyard/catalog";
import type { KeySource, Prisma, UsageEventModel } from "@switchyard/db";
import { chargeAt, costToStrings, Money, roundMoney, withWebSearch, type CostStrings, type SearchPart, type UsageUnits } from "@switchyard/metering";

type Decimal = ReturnType<typeof roundMoney>;

export interface BillingRates {
  creditsMargin: Decimal;
  /** The organization's BYOK rate, or the deployment default. */
  byokMarkupRate: Decimal;
}

export type StoredEvent = Pick<
  UsageEventModel,
  | "id" | "requestId" | "organizationId" | "projectId" | "apiKeyId" | "providerId" | "model" | "keySource" | "promptTokens" | "completionTokens" | "cachedTokens" | "reasoningTokens"
  | "usageEstimated" | "costInput" | "costCachedInput" | "costOutput" | "costReasoning" | "costRequest" | "costAudio" | "costImage" | "costWebSearch" | "costTotal"
  | "markup" | "amountBilled" | "createdAt" | "units"
>;

export interface Billed {
  cost: CostStrings;
  markup: string;
  amountBilled: string;
}

export type Repriced = { kind: "unchanged" } | { kind: "skipped"; reason: "unknown_offering" | "rate_changed" } | { kind: "changed"; before: Billed; after: Billed };

const ONE_UNIT = new Money("1e-10");

export function storedBilling(e: StoredEvent): Billed {
  const s = (d: Prisma.Decimal) => d.toFixed(10);
  return {
    cost: {
      input: s(e.costInput),
      cachedInput: s(e.costCachedInput),
      output: s(e.costOutput),
      reasoning: s(e.costReasoning),
      request: s(e.costRequest),
      audio: s(e.costAudio),
      image: s(e.costImage),
      webSearch: s(e.costWebSearch),
      total: s(e.costTotal),
    },
    markup: s(e.markup),
    amountBilled: s(e.amountBilled),
  };
}

/** Did `rate` (margin for credits, markup rate for BYOK) produce the stored billing? */
export function billedAtRate(keySource: KeySource, stored: Billed, rates: BillingRates): boolean {
  const total = new Money(stored.cost.total);
  const markup = new Money(stored.markup);
  const billed = new Money(stored.amountBilled);
  const rate = keySource === "credits" ? rates.creditsMargin : rates.byokMarkupRate;
  if (keySource === "credits" ? !billed.equals(total.plus(markup)) : !billed.equals(markup)) return false;
  // A BYOK event of a free offering: its markup base (the paid equivalent's old cost) is not stored.
  if (keySource === "byok" && total.isZero()) return true;
  // The stored cost is rounded to 10 places, the markup was computed from the exact cost: allow that rounding.
  const tolerance = ONE_UNIT.times(rate.plus(1));
  return roundMoney(total.times(rate)).minus(markup).abs().lessThanOrEqualTo(tolerance);
}

/** The model's part of a stored billing: the search part's amounts taken out. */
function withoutSearch(b: Billed, search: SearchPart): Billed {
  const minus = (a: string, x: string) => new Money(a).minus(x).toFixed(10);
  return {
    cost: { ...b.cost, webSearch: minus(b.cost.webSearch ?? "0", search.cost), total: minus(b.cost.total, search.cost) },
    markup: minus(b.markup, search.markup),
    amountBilled: minus(b.amountBilled, search.amountBilled),
  };
}

function same(a: Billed, b: Billed): boolean {
  return a.markup === b.markup && a.amountBilled === b.amountBilled && (Object.keys(a.cost) as Array<keyof CostStrings>).every((k) => a.cost[k] === b.cost[k]);
}

export function repriceEvent(e: StoredEvent, book: PriceBook, rates: BillingRates): Repriced {
  const offering = findOffering(e.model, e.providerId);
  if (!offering) return { kind: "skipped", reason: "unknown_offering" };
  const before = storedBilling(e);
  const { search, ...units } = (e.units ?? {}) as UsageUnits;
  const usage = { promptTokens: e.promptTokens, completionTokens: e.completionTokens, cachedTokens: e.cachedTokens, reasoningTokens: e.reasoningTokens, estimated: e.usageEstimated, ...units };
  const charged = chargeAt({ offering, model: e.model, book, at: e.createdAt, usage, keySource: e.keySource, creditsMargin: rates.creditsMargin, byokMarkupRate: rates.byokMarkupRate });
  // Switchyard's own search for the request keeps the amounts it was billed (see SearchPart).
  const cost = search ? withWebSearch(charged.cost, new Money(search.cost)) : charged.cost;
  const markup = search ? charged.billing.markup.plus(search.markup) : charged.billing.markup;
  const amountBilled = search ? charged.billing.amountBilled.plus(search.amountBilled) : charged.billing.amountBilled;
  const after: Billed = { cost: costToStrings(cost), markup: markup.toFixed(10), amountBilled: amountBilled.toFixed(10) };
  if (same(before, after)) return { kind: "unchanged" };
  if (!billedAtRate(e.keySource, search ? withoutSearch(before, search) : before, rates)) return { kind: "skipped", reason: "rate_changed" };
  return { kind: "changed", before, after };
}
