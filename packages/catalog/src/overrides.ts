// Operator price overrides (stored in the database, per provider and catalog model) merged with
// the catalog's dated prices: at any moment the price in effect is the one, catalog or override,
// with the latest effectiveFrom not after that moment; an override wins a tie.
import { priceAt } from "./prices.ts";
import type { ModelOffering, Price } from "./types.ts";

/** One override row; decimal strings, null where the operator set nothing. */
export interface PriceOverride {
  id: string;
  providerId: string;
  /** The catalog model id (what clients send as `model`). */
  model: string;
  effectiveFrom: Date;
  /** Null: the catalog price in effect at the same moment applies for this field. */
  inputPerMTok: string | null;
  outputPerMTok: string | null;
  /** Null: unset, as in a catalog price (cached input billed as input, reasoning as output, no fee). */
  cachedInputPerMTok: string | null;
  reasoningPerMTok: string | null;
  perRequest: string | null;
}

type PriceField = "inputPerMTok" | "outputPerMTok" | "cachedInputPerMTok" | "reasoningPerMTok" | "perRequest";

/** Overrides grouped by `overrideKey(providerId, model)`. */
export type PriceBook = ReadonlyMap<string, readonly PriceOverride[]>;

export interface EffectivePrice {
  price: Price;
  effectiveFrom: Date;
  /** The override in effect, or null for a catalog price. */
  overrideId: string | null;
}

export const OVERRIDE_SOURCE = "operator override";

export function overrideKey(providerId: string, model: string): string {
  return `${providerId}\u0000${model}`;
}

/** A stored override row (Prisma Decimals or strings) as a PriceOverride. */
export function toPriceOverride(row: Omit<PriceOverride, PriceField> & Record<PriceField, { toString(): string } | null>): PriceOverride {
  const text = (d: { toString(): string } | null) => (d === null ? null : d.toString());
  return {
    id: row.id,
    providerId: row.providerId,
    model: row.model,
    effectiveFrom: row.effectiveFrom,
    inputPerMTok: text(row.inputPerMTok),
    outputPerMTok: text(row.outputPerMTok),
    cachedInputPerMTok: text(row.cachedInputPerMTok),
    reasoningPerMTok: text(row.reasoningPerMTok),
    perRequest: text(row.perRequest),
  };
}

export function priceBook(overrides: readonly PriceOverride[]): PriceBook {
  const book = new Map<string, PriceOverride[]>();
  for (const o of overrides) {
    const key = overrideKey(o.providerId, o.model);
    book.set(key, [...(book.get(key) ?? []), o]);
  }
  return book;
}

/** Prices that overrides do not cover (audio, images, characters, minutes, searches): the catalog's stay. */
const UNIT_FIELDS = ["audioInputPerMTok", "cachedAudioInputPerMTok", "audioOutputPerMTok", "imageInputPerMTok", "imageOutputPerMTok", "perMCharacters", "perMinute", "minimumSeconds", "perImage", "perWebSearch"] as const;

function unitPrices(catalog: Price): Partial<Price> {
  const out: Record<string, unknown> = {};
  for (const field of UNIT_FIELDS) if (catalog[field] !== undefined) out[field] = catalog[field];
  return out as Partial<Price>;
}

/** The price of `model` at `offering` in effect at `at`, overrides included. */
export function effectivePrice(offering: ModelOffering, model: string, book: PriceBook, at: Date): EffectivePrice | undefined {
  const catalog = priceAt(offering, at);
  const catalogFrom = catalog ? Date.parse(`${catalog.effectiveFrom}T00:00:00Z`) : -Infinity;
  let best: PriceOverride | undefined;
  for (const o of book.get(overrideKey(offering.providerId, model)) ?? []) {
    const from = o.effectiveFrom.getTime();
    if (from <= at.getTime() && from >= catalogFrom && (best === undefined || from > best.effectiveFrom.getTime())) best = o;
  }
  if (!best) return catalog ? { price: catalog, effectiveFrom: new Date(catalogFrom), overrideId: null } : undefined;
  const price: Price = {
    effectiveFrom: best.effectiveFrom.toISOString().slice(0, 10),
    inputPerMTok: best.inputPerMTok ?? catalog?.inputPerMTok ?? "0",
    outputPerMTok: best.outputPerMTok ?? catalog?.outputPerMTok ?? "0",
    ...(best.cachedInputPerMTok !== null ? { cachedInputPerMTok: best.cachedInputPerMTok } : {}),
    ...(best.reasoningPerMTok !== null ? { reasoningPerMTok: best.reasoningPerMTok } : {}),
    ...(best.perRequest !== null ? { perRequest: best.perRequest } : {}),
    ...(catalog ? unitPrices(catalog) : {}),
    source: OVERRIDE_SOURCE,
  };
  return { price, effectiveFrom: best.effectiveFrom, overrideId: best.id };
}
