// Usage → cost → who pays, for one request: the `usage` fields the client sees and the usage
// event the worker bills from. Prices (catalog or operator override) are taken at the request's time.
import { effectivePrice, type PriceBook } from "@switchyard/catalog";
import { chargeRequest, paidEquivalentOffering, type NormalizedUsage } from "@switchyard/metering";
import type { UsageEventJob, UsageStatus } from "@switchyard/queue";
import { Decimal } from "decimal.js";
import type { ResolvedKey } from "../key-cache.ts";
import { billedSearchUsage } from "./native-search.ts";
import type { Attempt } from "./plan.ts";
import { withSearchCharge, withSearchUnits } from "./web-search/bill.ts";
import type { ChatWeb } from "./web-search/search.ts";

export interface BillingRates {
  byokMarkup: Decimal;
  creditsMargin: Decimal;
}

export interface Metered {
  fields: Record<string, unknown>;
  event: Omit<UsageEventJob, "latencyMs" | "timeToFirstTokenMs" | "status" | "httpStatus" | "errorCode" | "attempts">;
}

export const ZERO_USAGE: NormalizedUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false };

/** `web`: the request's web search (engine switchyard), billed with it (web-search/bill.ts). */
export function meter(args: { requestId: string; key: ResolvedKey; attempt: Attempt; usage: NormalizedUsage; at: Date; rates: BillingRates; overrides: PriceBook; web?: ChatWeb | undefined }): Metered {
  const { attempt, at, rates, key, overrides } = args;
  const { offering, entry, modelId, upstreamModel } = attempt.candidate;
  // The provider's own web search, as that offering bills it (native-search.ts).
  const usage = billedSearchUsage(offering, args.usage);
  const price = effectivePrice(offering, modelId, overrides, at)?.price;
  const paid = paidEquivalentOffering(offering);
  const paidEquivalentPrice = paid ? effectivePrice(paid.offering, paid.model, overrides, at)?.price : undefined;
  const byokMarkupRate = key.byokMarkupRate === null ? rates.byokMarkup : new Decimal(key.byokMarkupRate);
  const modelCharge = chargeRequest({ price, ...(paidEquivalentPrice ? { paidEquivalentPrice } : {}), usage, keySource: attempt.keySource, creditsMargin: rates.creditsMargin, byokMarkupRate });
  const charge = args.web === undefined ? modelCharge : withSearchCharge(modelCharge, args.web);
  const metered: Metered = {
    fields: charge.fields,
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
      cost: charge.cost,
      markup: charge.markup,
      amountBilled: charge.amountBilled,
      createdAt: at.toISOString(),
    },
  };
  const units = args.web !== undefined ? withSearchUnits(modelCharge.units, args.web) : modelCharge.units;
  if (units !== undefined) metered.event.units = units;
  return metered;
}

export function finishEvent(
  metered: Metered["event"],
  timing: { startedMs: number; firstTokenMs: number | null },
  outcome: { status: UsageStatus; httpStatus: number; errorCode: string | null; attempts: number },
): UsageEventJob {
  // One literal, every field named: a spread or Object.assign that adds properties to a copy is
  // much slower on Node 20 and leaves a larger object behind, once per request.
  const m = metered;
  const event: UsageEventJob = {
    requestId: m.requestId,
    organizationId: m.organizationId,
    projectId: m.projectId,
    apiKeyId: m.apiKeyId,
    providerId: m.providerId,
    model: m.model,
    upstreamModel: m.upstreamModel,
    endpoint: m.endpoint,
    keySource: m.keySource,
    promptTokens: m.promptTokens,
    completionTokens: m.completionTokens,
    cachedTokens: m.cachedTokens,
    reasoningTokens: m.reasoningTokens,
    usageEstimated: m.usageEstimated,
    priced: m.priced,
    cost: m.cost,
    markup: m.markup,
    amountBilled: m.amountBilled,
    createdAt: m.createdAt,
    latencyMs: Math.round(performance.now() - timing.startedMs),
    timeToFirstTokenMs: timing.firstTokenMs === null ? null : Math.round(timing.firstTokenMs - timing.startedMs),
    status: outcome.status,
    httpStatus: outcome.httpStatus,
    errorCode: outcome.errorCode,
    attempts: outcome.attempts,
  };
  // Added afterwards, only when there are any, so plain text events keep their shape.
  if (m.units !== undefined) event.units = m.units;
  return event;
}
