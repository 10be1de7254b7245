// What a price correction re-prices: the usage events of the corrected provider and model, and
// of the free offerings whose BYOK markup is based on it (their paid equivalent), from the
// override's effectiveFrom to the next price change of that offering (catalog or override) or now.
import { findOffering, models, overrideKey, type PriceBook } from "@switchyard/catalog";
import { paidEquivalentOffering } from "@switchyard/metering";

export interface Selector {
  providerId: string;
  model: string;
}

export interface RepriceRange {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** The corrected offering first, then the free offerings priced on it. */
  selectors: Selector[];
}

/** The first moment after `from` at which the offering's price in effect may change, or `now`. */
export function nextPriceChange(target: Selector, from: Date, book: PriceBook, now: Date): Date {
  const after = from.getTime();
  let next = now.getTime();
  for (const price of findOffering(target.model, target.providerId)?.prices ?? []) {
    const at = Date.parse(`${price.effectiveFrom}T00:00:00Z`);
    if (at > after && at < next) next = at;
  }
  for (const o of book.get(overrideKey(target.providerId, target.model)) ?? []) {
    const at = o.effectiveFrom.getTime();
    if (at > after && at < next) next = at;
  }
  return new Date(next);
}

/** Offerings whose BYOK markup is priced on `target` (free offerings with it as paid equivalent). */
export function dependents(target: Selector): Selector[] {
  const out: Selector[] = [];
  for (const m of models) {
    for (const offering of m.offerings) {
      const paid = paidEquivalentOffering(offering);
      if (paid && paid.model === target.model && paid.offering.providerId === target.providerId && !(offering.providerId === target.providerId && m.id === target.model)) {
        out.push({ providerId: offering.providerId, model: m.id });
      }
    }
  }
  return out;
}

export function repriceRange(target: Selector, from: Date, book: PriceBook, now: Date): RepriceRange {
  const to = nextPriceChange(target, from, book, now);
  return { from, to: to.getTime() > from.getTime() ? to : from, selectors: [target, ...dependents(target)] };
}
