// Money arithmetic: Decimal with room to spare, rounded only where it is stored or shown.
import { Decimal } from "decimal.js";

/**
 * Decimal with 40 significant digits (decimal.js defaults to 20), so token counts × prices and
 * their sums never round. Its instances are `Decimal`s (`instanceof Decimal` holds).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** Scale of the database's money columns, Decimal(20,10). */
export const MONEY_DECIMAL_PLACES = 10;

export const ZERO: Decimal = new Money(0);

/** Rounded to the database's scale, half up. */
export function roundMoney(value: Decimal.Value): Decimal {
  return new Money(value).toDecimalPlaces(MONEY_DECIMAL_PLACES, Decimal.ROUND_HALF_UP);
}

/** Rounded to the database's scale, as a fixed-point string (never exponent notation). */
export function moneyString(value: Decimal.Value): string {
  return roundMoney(value).toFixed(MONEY_DECIMAL_PLACES);
}
