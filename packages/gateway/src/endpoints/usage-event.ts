// One priced usage event for an attempt of any endpoint besides chat (embeddings, audio, images,
// realtime responses): the usage priced at `at` (Decimal path: audio, image and search parts
// included), billed by the attempt's key source, and the `usage` cost fields for the response.
import type { PriceBook } from "@switchyard/catalog";
import { chargeAt, costToStrings, usageUnits, usageResponseFields, type NormalizedUsage, type UsageResponseFields } from "@switchyard/metering";
import type { UsageEventJob, UsageStatus } from "@switchyard/queue";
import { Decimal } from "decimal.js";
import type { Attempt } from "../chat/plan.ts";
import type { BillingRates } from "../chat/meter.ts";
import type { ResolvedKey } from "../key-cache.ts";

export interface PricedEventArgs {
  requestId: string;
  endpoint: string;
  key: ResolvedKey;
  attempt: Attempt;
  attempts: number;
  usage: NormalizedUsage;
  at: Date;
  book: PriceBook;
  rates: BillingRates;
  latencyMs: number;
  outcome: { status: UsageStatus; httpStatus: number; errorCode: string | null };
}

export function pricedEvent(args: PricedEventArgs): { event: UsageEventJob; fields: UsageResponseFields } {
  const { key, attempt, usage, at } = args;
  const { offering, entry, modelId, upstreamModel } = attempt.candidate;
  const byokMarkupRate = key.byokMarkupRate === null ? args.rates.byokMarkup : new Decimal(key.byokMarkupRate);
  const charge = chargeAt({ offering, model: modelId, book: args.book, at, usage, keySource: attempt.keySource, creditsMargin: args.rates.creditsMargin, byokMarkupRate });
  const units = usageUnits(usage);
  const priced = charge.price !== undefined;
  const event: UsageEventJob = {
    requestId: args.requestId,
    organizationId: key.organizationId,
    projectId: key.projectId,
    apiKeyId: key.apiKeyId,
    providerId: entry.definition.id,
    model: modelId,
    upstreamModel,
    endpoint: args.endpoint,
    keySource: attempt.keySource,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    cachedTokens: usage.cachedTokens,
    reasoningTokens: usage.reasoningTokens,
    usageEstimated: usage.estimated,
    priced,
    cost: costToStrings(charge.cost),
    ...(units ? { units } : {}),
    markup: charge.billing.markup.toFixed(10),
    amountBilled: charge.billing.amountBilled.toFixed(10),
    latencyMs: args.latencyMs,
    timeToFirstTokenMs: null,
    status: args.outcome.status,
    httpStatus: args.outcome.httpStatus,
    errorCode: args.outcome.errorCode,
    attempts: args.attempts,
    createdAt: at.toISOString(),
  };
  return { event, fields: usageResponseFields({ usage, cost: charge.cost, billing: charge.billing, keySource: attempt.keySource, priced }) };
}
