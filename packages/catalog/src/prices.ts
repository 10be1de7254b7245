// The price in effect at a moment: the latest whose effectiveFrom (a UTC day) is not after it.
import type { ModelOffering, Price } from "./types.ts";

function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function priceAt(offering: Pick<ModelOffering, "prices">, at: Date): Price | undefined {
  const now = at.getTime();
  let best: Price | undefined;
  for (const price of offering.prices) {
    const from = startOfDay(price.effectiveFrom);
    if (from <= now && (best === undefined || from > startOfDay(best.effectiveFrom))) best = price;
  }
  return best;
}
