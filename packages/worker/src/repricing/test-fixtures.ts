// Test fixtures for re-pricing: usage events priced exactly as the gateway prices them, and a
// price override publication recorded as the control plane records it (override row, audit
// entry naming the job). Used by this folder's tests only.
import { findOffering, priceBook, toPriceOverride } from "@switchyard/catalog";
import { newId, randomToken } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";
import { chargeAt, costToStrings, Money } from "@switchyard/metering";
import { repriceJobId, type RepriceJob, type UsageEventJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";

export const RATES = { creditsMargin: "0.1", byokMarkup: "0.05" };

export interface EventSpec {
  org: string;
  at: string;
  keySource?: "credits" | "byok";
  providerId?: string;
  model?: string;
  prompt: number;
  completion: number;
  /** The organization's BYOK rate, when it has its own. */
  byokRate?: string;
}

/** A usage event billed at the prices in the database now, as the gateway would have billed it at `at`. */
export async function pricedEvent(prisma: PrismaClient, spec: EventSpec): Promise<UsageEventJob> {
  const providerId = spec.providerId ?? "groq";
  const model = spec.model ?? "gpt-oss-120b";
  const keySource = spec.keySource ?? "credits";
  const book = priceBook((await prisma.modelPriceOverride.findMany()).map(toPriceOverride));
  const usage = { promptTokens: spec.prompt, completionTokens: spec.completion, cachedTokens: 0, reasoningTokens: 0, estimated: false };
  const at = new Date(spec.at);
  const { cost, billing } = chargeAt({
    offering: findOffering(model, providerId)!, model, book, at, usage, keySource,
    creditsMargin: new Money(RATES.creditsMargin), byokMarkupRate: new Money(spec.byokRate ?? RATES.byokMarkup),
  });
  return sampleUsageEvent(spec.org, "0", {
    providerId, model, upstreamModel: model, keySource, promptTokens: spec.prompt, completionTokens: spec.completion,
    cost: costToStrings(cost), markup: billing.markup.toFixed(10), amountBilled: billing.amountBilled.toFixed(10), createdAt: at.toISOString(),
  });
}

export interface OverridePrices {
  inputPerMTok: string;
  outputPerMTok: string;
}

/** What setPriceOverride / deletePriceOverride do: the change, and its audit entry naming the re-pricing job. */
export async function publish(
  prisma: PrismaClient,
  change: { action: "set"; providerId?: string; model?: string; effectiveFrom: string; prices: OverridePrices } | { action: "delete"; overrideId: string },
): Promise<RepriceJob> {
  const version = randomToken(12);
  let row;
  if (change.action === "set") {
    const key = { providerId: change.providerId ?? "groq", model: change.model ?? "gpt-oss-120b", effectiveFrom: new Date(change.effectiveFrom) };
    const prices = { inputPerMTok: new Prisma.Decimal(change.prices.inputPerMTok), outputPerMTok: new Prisma.Decimal(change.prices.outputPerMTok) };
    row = await prisma.modelPriceOverride.upsert({ where: { providerId_model_effectiveFrom: key }, create: { id: newId("prc"), ...key, ...prices }, update: prices });
  } else {
    row = await prisma.modelPriceOverride.delete({ where: { id: change.overrideId } });
  }
  const job: RepriceJob = {
    overrideId: row.id, version, action: change.action, providerId: row.providerId, model: row.model,
    from: row.effectiveFrom.toISOString(), publishedAt: new Date().toISOString(), actorId: "usr_operator",
  };
  await prisma.auditLog.create({
    data: { id: newId("aud"), organizationId: null, actorType: "user", actorId: "usr_operator", action: `price_override.${change.action}`, targetType: "price_override", targetId: row.id, metadata: { repriceJobId: repriceJobId(job) } },
  });
  return job;
}
