// The fields Switchyard adds to a response's `usage` object: JSON numbers, converted from Decimal
// only here, at the edge, after rounding to the stored 10 decimal places.
import type { Billing, KeySource } from "./billing.ts";
import type { Decimal } from "decimal.js";
import type { CostBreakdown } from "./cost.ts";
import { roundMoney } from "./money.ts";
import type { NormalizedUsage } from "./usage.ts";

/** A type alias, not an interface, so it is assignable to Record<string, unknown>. */
export type UsageResponseFields = {
  /** Provider cost of the request, USD. */
  cost_usd_total: number;
  /** Uncached input tokens. */
  cost_usd_input: number;
  cost_usd_cached_input: number;
  /** Output tokens, reasoning included. */
  cost_usd_output: number;
  cost_usd_request: number;
  /** Present only when non-zero: audio, images, web searches. */
  cost_usd_audio?: number;
  cost_usd_image?: number;
  cost_usd_web_search?: number;
  /** OpenRouter's field: what Switchyard charged the organization's credits (= billed_usd). */
  cost: number;
  /** OpenRouter's field: the provider's cost; with BYOK the customer pays it to the provider. */
  cost_details: { upstream_inference_cost: number };
  /** OpenRouter's field. */
  is_byok: boolean;
  key_source: KeySource;
  markup_usd: number;
  billed_usd: number;
  /** True when the upstream reported no usage and Switchyard estimated it. */
  usage_estimated: boolean;
  /** False when the catalog has no price for the model (all costs are then 0). */
  cost_priced: boolean;
};

export interface UsageResponseArgs {
  usage: NormalizedUsage;
  cost: CostBreakdown;
  billing: Billing;
  keySource: KeySource;
  priced: boolean;
}

export function usageResponseFields({ usage, cost, billing, keySource, priced }: UsageResponseArgs): UsageResponseFields {
  const total = usd(cost.total);
  const fields: UsageResponseFields = {
    cost_usd_total: total,
    cost_usd_input: usd(cost.input),
    cost_usd_cached_input: usd(cost.cachedInput),
    cost_usd_output: usd(cost.output.plus(cost.reasoning)),
    cost_usd_request: usd(cost.request),
    cost: usd(billing.amountBilled),
    cost_details: { upstream_inference_cost: total },
    is_byok: keySource === "byok",
    key_source: keySource,
    markup_usd: usd(billing.markup),
    billed_usd: usd(billing.amountBilled),
    usage_estimated: usage.estimated,
    cost_priced: priced,
  };
  if (!cost.audio.isZero()) fields.cost_usd_audio = usd(cost.audio);
  if (!cost.image.isZero()) fields.cost_usd_image = usd(cost.image);
  if (!cost.webSearch.isZero()) fields.cost_usd_web_search = usd(cost.webSearch);
  return fields;
}

function usd(value: Decimal): number {
  return roundMoney(value).toNumber() + 0; // + 0 turns -0 into 0
}
