// One request's charge at a moment: the price in effect then (catalog or operator override),
// the provider cost of its usage, and who pays what. The gateway prices requests this way as
// they finish, and the worker re-prices stored events this way after a dated price correction,
// so both bill the same usage identically.
import { effectivePrice, getModel, type ModelOffering, type Price, type PriceBook } from "@switchyard/catalog";
import type { Decimal } from "decimal.js";
import { bill, type Billing, type KeySource } from "./billing.ts";
import { computeCost, type CostBreakdown } from "./cost.ts";
import type { NormalizedUsage } from "./usage.ts";

export interface ChargeArgs {
  /** The offering the request went to, and the catalog model id clients send. */
  offering: ModelOffering;
  model: string;
  book: PriceBook;
  at: Date;
  usage: NormalizedUsage;
  keySource: KeySource;
  creditsMargin: Decimal;
  /** The organization's BYOK rate, or the deployment default. */
  byokMarkupRate: Decimal;
}

export interface Charge {
  /** Undefined: unpriced (cost zero). */
  price: Price | undefined;
  cost: CostBreakdown;
  billing: Billing;
}

/** The offering whose price is a free offering's BYOK markup base: its paid equivalent's first offering. */
export function paidEquivalentOffering(offering: ModelOffering): { model: string; offering: ModelOffering } | undefined {
  if (!offering.paidEquivalent) return undefined;
  const paid = getModel(offering.paidEquivalent)?.offerings[0];
  return paid ? { model: offering.paidEquivalent, offering: paid } : undefined;
}

export function chargeAt(args: ChargeArgs): Charge {
  const { offering, model, book, at, usage } = args;
  const price = effectivePrice(offering, model, book, at)?.price;
  const cost = computeCost(price, usage);
  const paid = paidEquivalentOffering(offering);
  const paidEquivalentCost = paid ? computeCost(effectivePrice(paid.offering, paid.model, book, at)?.price, usage) : undefined;
  const billing = bill({ keySource: args.keySource, cost, creditsMargin: args.creditsMargin, byokMarkupRate: args.byokMarkupRate, ...(paidEquivalentCost ? { paidEquivalentCost } : {}) });
  return { price, cost, billing };
}
