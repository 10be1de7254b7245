// Exact money arithmetic in integers (BigInt), for the per-request path where Decimal objects
// cost microseconds each. A value is `units × 10^-scale`, with `units` a non-negative integer.
//
// Why this is exact: the inputs are plain decimal texts (digits, an optional fraction), so each
// is exactly an integer count of 10^-scale; products and sums of integers, and scaling by powers
// of ten, are exact in BigInt, whatever their size. The only division rounds to 10 places, half
// up, from the quotient and remainder of integer division. A text that is not a plain
// non-negative decimal (exponent notation, a sign) is refused, and the caller uses Decimal.

export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const PLAIN = /^(\d+)(?:\.(\d+))?$/;

export const FIXED_ZERO: Fixed = { units: 0n, scale: 0 };

const POW10: readonly bigint[] = Array.from({ length: 64 }, (_, k) => 10n ** BigInt(k));
const pow10 = (k: number): bigint => POW10[k] ?? 10n ** BigInt(k);

/** A plain non-negative decimal text ("0.15", "2", "0.0375") as a Fixed, else undefined. */
export function parseFixed(text: string): Fixed | undefined {
  const match = PLAIN.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? "";
  return { units: BigInt(match[1]! + fraction), scale: fraction.length };
}

export function fixedTimes(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** `tokens` (an integer) × a price per million tokens. */
export function fixedPerMillion(tokens: number, perMillion: Fixed): Fixed {
  return { units: BigInt(tokens) * perMillion.units, scale: perMillion.scale + 6 };
}

export function fixedPlus(a: Fixed, b: Fixed): Fixed {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  return a.scale > b.scale ? { units: a.units + b.units * pow10(a.scale - b.scale), scale: a.scale } : fixedPlus(b, a);
}

/** Rounded half up to 10 decimal places (the database's scale), as a count of 10^-10. */
export function fixedRound10(a: Fixed): bigint {
  if (a.scale <= 10) return a.units * pow10(10 - a.scale);
  const divisor = pow10(a.scale - 10);
  const quotient = a.units / divisor;
  return 2n * (a.units % divisor) >= divisor ? quotient + 1n : quotient;
}

/** A count of 10^-10 as a fixed-point text with 10 places, like Decimal's toFixed(10). */
export function tenDigitString(units10: bigint): string {
  const digits = units10.toString().padStart(11, "0");
  return `${digits.slice(0, -10)}.${digits.slice(-10)}`;
}
