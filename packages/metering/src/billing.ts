// Who pays what for one request, given its provider cost and where the key came from.
import { Decimal } from "decimal.js";
import type { CostBreakdown } from "./cost.ts";
import { Money, roundMoney } from "./money.ts";

/** "credits": Switchyard's own provider key, paid from the organization's credits. "byok": the organization's key. */
export type KeySource = "credits" | "byok";

export interface BillArgs {
  keySource: KeySource;
  cost: CostBreakdown;
  /** Credits only: fraction added on top of the provider cost (0.1 = 10%). Default 0. */
  creditsMargin?: Decimal;
  /** BYOK only: fraction of the provider cost Switchyard charges. Default 0.05. */
  byokMarkupRate?: Decimal;
  /** BYOK only: cost of the same usage on the model's paid equivalent, the markup base for free models. */
  paidEquivalentCost?: CostBreakdown;
}

/** USD, rounded half up to 10 decimal places (the database's Decimal(20,10)). */
export interface Billing {
  /** Switchyard's share. */
  markup: Decimal;
  /** Taken from the organization's credits. */
  amountBilled: Decimal;
}

export const DEFAULT_CREDITS_MARGIN: Decimal = new Money(0);
export const DEFAULT_BYOK_MARKUP_RATE: Decimal = new Money("0.05");

/**
 * credits: markup = cost × margin, billed = cost + markup.
 * byok: the provider bills the customer directly, so billed = markup = rate × cost, where the cost
 * of a free model (total 0) is that of its paid equivalent (0 without one).
 * Each amount is rounded once, and billed = rounded cost + rounded markup, so the parts add up.
 */
export function bill(args: BillArgs): Billing {
  const { keySource, cost } = args;
  if (keySource === "credits") {
    const margin = rate(args.creditsMargin ?? DEFAULT_CREDITS_MARGIN, "creditsMargin");
    const markup = roundMoney(new Money(cost.total).times(margin));
    return { markup, amountBilled: roundMoney(cost.total).plus(markup) };
  }
  const markupRate = rate(args.byokMarkupRate ?? DEFAULT_BYOK_MARKUP_RATE, "byokMarkupRate");
  const base = cost.total.greaterThan(0) ? cost.total : (args.paidEquivalentCost?.total ?? 0);
  const markup = roundMoney(new Money(base).times(markupRate));
  return { markup, amountBilled: markup };
}

function rate(value: Decimal, name: string): Decimal {
  if (!Decimal.isDecimal(value) || !value.isFinite() || value.lessThan(0)) {
    throw new RangeError(`${name} must be a non-negative finite Decimal, got ${String(value)}`);
  }
  return value;
}
