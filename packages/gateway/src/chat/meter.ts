// Usage → cost → who pays, for one request: the `usage` fields the client sees and the usage
// event the worker bills from. Prices (catalog or operator override) are taken at the request's time.
import { effectivePrice, getModel, type PriceBook } from "@switchyard/catalog";
import { bill, computeCost, costToStrings, type NormalizedUsage, usageResponseFields } from "@switchyard/metering";
import type { UsageEventJob, UsageStatus } from "@switchyard/queue";
import { Decimal } from "decimal.js";
import type { ResolvedKey } from "../key-cache.ts";
import type { Attempt } from "./plan.ts";

export interface BillingRates {
  byokMarkup: Decimal;
  creditsMargin: Decimal;
}

export interface Metered {
  fields: Record<string, unknown>;
  event: Omit<UsageEventJob, "latencyMs" | "timeToFirstTokenMs" | "status" | "httpStatus" | "errorCode" | "attempts">;
}

export const ZERO_USAGE: NormalizedUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false };

export function meter(args: { requestId: string; key: ResolvedKey; attempt: Attempt; usage: NormalizedUsage; at: Date; rates: BillingRates; overrides: PriceBook }): Metered {
  const { attempt, usage, at, rates, key, overrides } = args;
  const { offering, entry, modelId, upstreamModel } = attempt.candidate;
  const price = effectivePrice(offering, modelId, overrides, at)?.price;
  const cost = computeCost(price, usage);
  let paidEquivalentCost;
  if (offering.paidEquivalent) {
    const paid = getModel(offering.paidEquivalent)?.offerings[0];
    if (paid) paidEquivalentCost = computeCost(effectivePrice(paid, offering.paidEquivalent, overrides, at)?.price, usage);
  }
  const byokMarkupRate = key.byokMarkupRate === null ? rates.byokMarkup : new Decimal(key.byokMarkupRate);
  const billing = bill({ keySource: attempt.keySource, cost, creditsMargin: rates.creditsMargin, byokMarkupRate, ...(paidEquivalentCost ? { paidEquivalentCost } : {}) });
  return {
    fields: usageResponseFields({ usage, cost, billing, keySource: attempt.keySource, priced: price !== undefined }),
    event: {
      requestId: args.requestId,
      organizationId: key.organizationId,
      projectId: key.projectId,
      apiKeyId: key.apiKeyId,
      providerId: entry.definition.id,
      model: modelId,
      upstreamModel,
      endpoint: "chat.completions",
      keySource: attempt.keySource,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      cachedTokens: usage.cachedTokens,
      reasoningTokens: usage.reasoningTokens,
      usageEstimated: usage.estimated,
      priced: price !== undefined,
      cost: costToStrings(cost),
      markup: billing.markup.toFixed(10),
      amountBilled: billing.amountBilled.toFixed(10),
      createdAt: at.toISOString(),
    },
  };
}

export function finishEvent(
  metered: Metered["event"],
  timing: { startedMs: number; firstTokenMs: number | null },
  outcome: { status: UsageStatus; httpStatus: number; errorCode: string | null; attempts: number },
): UsageEventJob {
  return {
    ...metered,
    latencyMs: Math.round(performance.now() - timing.startedMs),
    timeToFirstTokenMs: timing.firstTokenMs === null ? null : Math.round(timing.firstTokenMs - timing.startedMs),
    ...outcome,
  };
}
