// One request's charge as the gateway reports it: the `usage` fields the client sees and the
// money strings of its usage event. Computed in exact integer arithmetic (fixed-money.ts), several
// times cheaper than Decimal. Decimal (Money: 40 significant digits) is exact too as long as no
// amount has more than 40 digits, so the two agree whenever the integer path answers: it refuses
// an amount of more than 40 digits, and a price or rate that is not a plain decimal text, and
// Decimal is used for those. request-charge.test.ts compares them on random requests.
import type { Price } from "@switchyard/catalog";
import type { Decimal } from "decimal.js";
import { bill, type KeySource } from "./billing.ts";
import { computeCost } from "./cost.ts";
import { costToStrings, type CostStrings } from "./cost-strings.ts";
import { Money } from "./money.ts";
import { type Fixed, FIXED_ZERO, fixedPerMillion, fixedPlus, fixedRound10, fixedTimes, parseFixed, tenDigitString } from "./fixed-money.ts";
import { usageResponseFields, type UsageResponseFields } from "./response-usage.ts";
import { usageUnits, type NormalizedUsage, type UsageUnits } from "./usage.ts";

export interface RequestChargeArgs {
  /** The price in effect; undefined when the model is unpriced (cost zero). */
  price: Price | undefined;
  /** BYOK on a free model: the price of its paid equivalent, the markup's base. */
  paidEquivalentPrice?: Price;
  usage: NormalizedUsage;
  keySource: KeySource;
  creditsMargin: Decimal;
  byokMarkupRate: Decimal;
}

export interface RequestCharge {
  fields: UsageResponseFields;
  /** Rounded to 10 places, as usage events carry them. */
  cost: CostStrings;
  markup: string;
  amountBilled: string;
  /** The usage's quantities besides text tokens (usageUnits), when it has any: what its usage event carries. */
  units?: UsageUnits;
}

export function chargeRequest(args: RequestChargeArgs): RequestCharge {
  const units = usageUnits(args.usage);
  // Audio, image and search quantities are priced by the Decimal path only.
  if (units === undefined) return exactCharge(args) ?? decimalCharge(args);
  const charge = decimalCharge(args);
  charge.units = units;
  return charge;
}

/** The Decimal computation (computeCost, bill, usageResponseFields, costToStrings). */
export function decimalCharge(args: RequestChargeArgs): RequestCharge {
  const { usage, keySource } = args;
  const cost = computeCost(args.price, usage);
  const paidEquivalentCost = args.paidEquivalentPrice ? computeCost(args.paidEquivalentPrice, usage) : undefined;
  const billing = bill({ keySource, cost, creditsMargin: args.creditsMargin, byokMarkupRate: args.byokMarkupRate, ...(paidEquivalentCost ? { paidEquivalentCost } : {}) });
  return {
    fields: usageResponseFields({ usage, cost, billing, keySource, priced: args.price !== undefined }),
    cost: costToStrings(cost),
    markup: billing.markup.toFixed(10),
    amountBilled: billing.amountBilled.toFixed(10),
  };
}

interface ExactCost {
  input: Fixed;
  cachedInput: Fixed;
  output: Fixed;
  reasoning: Fixed;
  request: Fixed;
  total: Fixed;
}

/** The same computation in exact integers; undefined when a price or the rate is not a plain decimal text. */
export function exactCharge(args: RequestChargeArgs): RequestCharge | undefined {
  const { usage, keySource } = args;
  const cost = args.price === undefined ? ZERO_COST : exactCost(args.price, usage);
  if (!cost) return undefined;
  let base = cost.total;
  if (keySource === "byok" && base.units === 0n && args.paidEquivalentPrice) {
    const paid = exactCost(args.paidEquivalentPrice, usage);
    if (!paid) return undefined;
    base = paid.total;
  }
  const rate = rateOf(keySource === "credits" ? args.creditsMargin : args.byokMarkupRate);
  const product = rate && fixedTimes(base, rate);
  if (!product || !fits(product)) return undefined;
  const rounded = fixedRound10(cost.total);
  const total = tenDigitString(rounded);
  const input = tenDigitString(fixedRound10(cost.input));
  const cachedInput = tenDigitString(fixedRound10(cost.cachedInput));
  const request = tenDigitString(fixedRound10(cost.request));
  // bill(): credits pay the rounded cost plus the rounded margin; own keys pay the rounded markup.
  const markupUnits = fixedRound10(product);
  const markup = tenDigitString(markupUnits);
  const billed = keySource === "credits" ? tenDigitString(rounded + markupUnits) : markup;
  // Number() of the rounded decimal's text: the nearest double, as Decimal's toNumber() gives.
  return {
    fields: {
      cost_usd_total: Number(total),
      cost_usd_input: Number(input),
      cost_usd_cached_input: Number(cachedInput),
      cost_usd_output: Number(tenDigitString(fixedRound10(fixedPlus(cost.output, cost.reasoning)))),
      cost_usd_request: Number(request),
      cost: Number(billed),
      cost_details: { upstream_inference_cost: Number(total) },
      is_byok: keySource === "byok",
      key_source: keySource,
      markup_usd: Number(markup),
      billed_usd: Number(billed),
      usage_estimated: usage.estimated,
      cost_priced: args.price !== undefined,
    },
    cost: { input, cachedInput, output: tenDigitString(fixedRound10(cost.output)), reasoning: tenDigitString(fixedRound10(cost.reasoning)), request, audio: NO_COST, image: NO_COST, webSearch: NO_COST, total },
    markup,
    amountBilled: billed,
  };
}

const NO_COST = tenDigitString(0n);

const ZERO_COST: ExactCost = { input: FIXED_ZERO, cachedInput: FIXED_ZERO, output: FIXED_ZERO, reasoning: FIXED_ZERO, request: FIXED_ZERO, total: FIXED_ZERO };

/** computeCost's rules (cost.ts), in Fixed; undefined when a price text is not a plain decimal. */
function exactCost(price: Price, usage: NormalizedUsage): ExactCost | undefined {
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const reasoningTokens = Math.min(usage.reasoningTokens, usage.completionTokens);
  const reasoningApart = price.reasoningPerMTok !== undefined;
  const input = perMillion(usage.promptTokens - cached, price.inputPerMTok);
  const cachedInput = perMillion(cached, price.cachedInputPerMTok ?? price.inputPerMTok);
  const output = perMillion(reasoningApart ? usage.completionTokens - reasoningTokens : usage.completionTokens, price.outputPerMTok);
  const reasoning = price.reasoningPerMTok !== undefined ? perMillion(reasoningTokens, price.reasoningPerMTok) : FIXED_ZERO;
  const request = price.perRequest !== undefined ? textOf(price.perRequest) : FIXED_ZERO;
  if (!input || !cachedInput || !output || !reasoning || !request) return undefined;
  const total = fixedPlus(fixedPlus(fixedPlus(fixedPlus(input, cachedInput), output), reasoning), request);
  // Every partial sum is at most the total, so the total's size bounds them all.
  return fits(total) ? { input, cachedInput, output, reasoning, request, total } : undefined;
}

const MAX_UNITS = 10n ** BigInt(Money.precision);

/** At most Money's 40 digits (its units count the digits, trailing zeros included): Decimal holds it exactly. */
function fits(value: Fixed): boolean {
  return value.units < MAX_UNITS;
}

function perMillion(tokens: number, text: string): Fixed | undefined {
  if (tokens === 0) return FIXED_ZERO; // as computeCost: zero tokens cost zero whatever the price
  const price = textOf(text);
  if (!price || !Number.isSafeInteger(tokens)) return undefined;
  const cost = fixedPerMillion(tokens, price);
  return fits(cost) ? cost : undefined;
}

// Prices and rates repeat from request to request: parse each text (and Decimal) once.
const MAX_REMEMBERED_TEXTS = 10_000;
const texts = new Map<string, Fixed | null>();
const rates = new WeakMap<Decimal, Fixed | null>();

function textOf(text: string): Fixed | undefined {
  let parsed = texts.get(text);
  if (parsed === undefined) {
    if (texts.size >= MAX_REMEMBERED_TEXTS) texts.clear();
    parsed = parseFixed(text) ?? null;
    texts.set(text, parsed);
  }
  return parsed ?? undefined;
}

/** A Decimal rate as a Fixed (toFixed() never uses exponent notation); undefined if negative or not finite. */
function rateOf(rate: Decimal): Fixed | undefined {
  let parsed = rates.get(rate);
  if (parsed === undefined) {
    parsed = rate.isFinite() ? (parseFixed(rate.toFixed()) ?? null) : null;
    rates.set(rate, parsed);
  }
  return parsed ?? undefined;
}
