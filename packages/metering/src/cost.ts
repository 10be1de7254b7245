// What a request cost at the provider, from its usage and the catalog price in effect.
import type { Price } from "@switchyard/catalog";
import type { Decimal } from "decimal.js";
import { Money, ZERO } from "./money.ts";
import type { NormalizedUsage } from "./usage.ts";

/** USD, exact (not rounded). */
export interface CostBreakdown {
  /** Uncached input tokens. */
  input: Decimal;
  cachedInput: Decimal;
  /** Output tokens; without the reasoning ones when those have their own price. */
  output: Decimal;
  /** Reasoning tokens at their own price; 0 when they are priced as output. */
  reasoning: Decimal;
  /** The price's flat per-request fee. */
  request: Decimal;
  total: Decimal;
}

export const ZERO_COST: CostBreakdown = { input: ZERO, cachedInput: ZERO, output: ZERO, reasoning: ZERO, request: ZERO, total: ZERO };

const MILLION = 1_000_000;

/**
 * The provider's cost of `usage` at `price` (USD per million tokens). Cached tokens are part of
 * promptTokens and reasoning tokens part of completionTokens (OpenAI's convention): cached input
 * is billed at cachedInputPerMTok (inputPerMTok when unset); reasoning at reasoningPerMTok when
 * set, else as output. No price (unpriced model): all zero.
 */
export function computeCost(price: Price | undefined, usage: NormalizedUsage): CostBreakdown {
  if (price === undefined) return ZERO_COST;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const reasoning = Math.min(usage.reasoningTokens, usage.completionTokens);
  const reasoningApart = price.reasoningPerMTok !== undefined;

  const input = perMTok(usage.promptTokens - cached, price.inputPerMTok);
  const cachedInput = perMTok(cached, price.cachedInputPerMTok ?? price.inputPerMTok);
  const output = perMTok(reasoningApart ? usage.completionTokens - reasoning : usage.completionTokens, price.outputPerMTok);
  const reasoningCost = price.reasoningPerMTok !== undefined ? perMTok(reasoning, price.reasoningPerMTok) : ZERO;
  const request = price.perRequest !== undefined ? new Money(price.perRequest) : ZERO;
  const total = input.plus(cachedInput).plus(output).plus(reasoningCost).plus(request);
  return { input, cachedInput, output, reasoning: reasoningCost, request, total };
}

function perMTok(tokens: number, usdPerMTok: string): Decimal {
  return tokens === 0 ? ZERO : new Money(usdPerMTok).times(tokens).div(MILLION);
}
