// Bills a batch of usage events in one database transaction: each event is inserted once
// (unique request id), its charge debited from the ledger and the organization's balance,
// and the hourly and daily rollups incremented. A redelivered event finds its row and
// changes nothing, so retries and duplicate deliveries bill exactly once.
import { newId } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";
import type { UsageEventJob } from "@switchyard/queue";

export interface IngestResult {
  inserted: number;
  duplicates: number;
  /** The events this batch inserted (not the duplicates), for the live request feed. */
  ingested: UsageEventJob[];
  /** Organizations whose balance changed. */
  debited: Set<string>;
}

type Tx = Prisma.TransactionClient;

export async function ingestBatch(prisma: PrismaClient, events: UsageEventJob[]): Promise<IngestResult> {
  const unique = [...new Map(events.map((e) => [e.requestId, e])).values()];
  return prisma.$transaction(async (tx) => {
    const existing = await tx.usageEvent.findMany({ where: { requestId: { in: unique.map((e) => e.requestId) } }, select: { requestId: true } });
    const seen = new Set(existing.map((e) => e.requestId));
    const fresh = unique.filter((e) => !seen.has(e.requestId));
    if (fresh.length > 0) {
      await tx.usageEvent.createMany({ data: fresh.map(eventRow) });
      await debit(tx, fresh);
      await rollUp(tx, fresh);
    }
    return {
      inserted: fresh.length,
      duplicates: events.length - fresh.length,
      ingested: fresh,
      debited: new Set(fresh.filter((e) => new Prisma.Decimal(e.amountBilled).greaterThan(0)).map((e) => e.organizationId)),
    };
  });
}

function eventRow(e: UsageEventJob): Prisma.UsageEventCreateManyInput {
  return {
    id: newId("evt"),
    requestId: e.requestId,
    organizationId: e.organizationId,
    projectId: e.projectId,
    apiKeyId: e.apiKeyId,
    providerId: e.providerId,
    model: e.model,
    endpoint: e.endpoint,
    keySource: e.keySource,
    promptTokens: e.promptTokens,
    completionTokens: e.completionTokens,
    cachedTokens: e.cachedTokens,
    reasoningTokens: e.reasoningTokens,
    usageEstimated: e.usageEstimated,
    costInput: e.cost.input,
    costCachedInput: e.cost.cachedInput,
    costOutput: e.cost.output,
    costReasoning: e.cost.reasoning,
    costRequest: e.cost.request,
    costTotal: e.cost.total,
    markup: e.markup,
    amountBilled: e.amountBilled,
    latencyMs: e.latencyMs,
    timeToFirstTokenMs: e.timeToFirstTokenMs,
    status: e.status,
    httpStatus: e.httpStatus,
    errorCode: e.errorCode,
    attempts: e.attempts,
    createdAt: new Date(e.createdAt),
  };
}

/** One ledger entry per billed request (usage for credits, markup for own keys), then balances. */
async function debit(tx: Tx, events: UsageEventJob[]): Promise<void> {
  const billed = events.filter((e) => new Prisma.Decimal(e.amountBilled).greaterThan(0));
  if (billed.length === 0) return;
  await tx.creditLedgerEntry.createMany({
    data: billed.map((e) => ({
      id: newId("led"),
      organizationId: e.organizationId,
      kind: e.keySource === "credits" ? "usage" : "markup",
      amount: new Prisma.Decimal(e.amountBilled).negated(),
      requestId: e.requestId,
      description: `${e.endpoint} ${e.providerId}/${e.model}`,
      createdAt: new Date(e.createdAt),
    })),
  });
  const perOrg = new Map<string, Prisma.Decimal>();
  for (const e of billed) perOrg.set(e.organizationId, (perOrg.get(e.organizationId) ?? new Prisma.Decimal(0)).plus(e.amountBilled));
  for (const [organizationId, amount] of perOrg) {
    await tx.creditBalance.upsert({
      where: { organizationId },
      create: { organizationId, balance: amount.negated() },
      update: { balance: { decrement: amount } },
    });
  }
}

function bucketStart(at: Date, granularity: "hour" | "day"): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  if (granularity === "day") d.setUTCHours(0);
  return d;
}

interface RollupSums {
  key: string[];
  granularity: "hour" | "day";
  bucket: Date;
  e: UsageEventJob;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costTotal: Prisma.Decimal;
  markup: Prisma.Decimal;
  amountBilled: Prisma.Decimal;
  latencyMsSum: number;
}

async function rollUp(tx: Tx, events: UsageEventJob[]): Promise<void> {
  const groups = new Map<string, RollupSums>();
  for (const e of events) {
    for (const granularity of ["hour", "day"] as const) {
      const bucket = bucketStart(new Date(e.createdAt), granularity);
      const key = [granularity, bucket.toISOString(), e.organizationId, e.projectId, e.apiKeyId, e.providerId, e.model, e.keySource];
      const id = key.join("|");
      const g = groups.get(id) ?? { key, granularity, bucket, e, requests: 0, errors: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, costTotal: new Prisma.Decimal(0), markup: new Prisma.Decimal(0), amountBilled: new Prisma.Decimal(0), latencyMsSum: 0 };
      g.requests += 1;
      g.errors += e.status === "success" ? 0 : 1;
      g.promptTokens += e.promptTokens;
      g.completionTokens += e.completionTokens;
      g.cachedTokens += e.cachedTokens;
      g.reasoningTokens += e.reasoningTokens;
      g.costTotal = g.costTotal.plus(e.cost.total);
      g.markup = g.markup.plus(e.markup);
      g.amountBilled = g.amountBilled.plus(e.amountBilled);
      g.latencyMsSum += e.latencyMs;
      groups.set(id, g);
    }
  }
  // One statement for the whole batch: every group's row, added to what is there.
  const rows = [...groups.values()].map(
    (g) => Prisma.sql`(${newId("rol")}, ${g.granularity}::"RollupGranularity", ${g.bucket}, ${g.e.organizationId}, ${g.e.projectId}, ${g.e.apiKeyId}, ${g.e.providerId}, ${g.e.model}, ${g.e.keySource}::"KeySource",
      ${g.requests}, ${g.errors}, ${g.promptTokens}, ${g.completionTokens}, ${g.cachedTokens}, ${g.reasoningTokens}, ${g.costTotal}::numeric, ${g.markup}::numeric, ${g.amountBilled}::numeric, ${g.latencyMsSum})`,
  );
  await tx.$executeRaw`
    INSERT INTO "UsageRollup" ("id", "granularity", "bucket", "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource",
      "requests", "errors", "promptTokens", "completionTokens", "cachedTokens", "reasoningTokens", "costTotal", "markup", "amountBilled", "latencyMsSum")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("granularity", "bucket", "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource") DO UPDATE SET
      "requests" = "UsageRollup"."requests" + EXCLUDED."requests",
      "errors" = "UsageRollup"."errors" + EXCLUDED."errors",
      "promptTokens" = "UsageRollup"."promptTokens" + EXCLUDED."promptTokens",
      "completionTokens" = "UsageRollup"."completionTokens" + EXCLUDED."completionTokens",
      "cachedTokens" = "UsageRollup"."cachedTokens" + EXCLUDED."cachedTokens",
      "reasoningTokens" = "UsageRollup"."reasoningTokens" + EXCLUDED."reasoningTokens",
      "costTotal" = "UsageRollup"."costTotal" + EXCLUDED."costTotal",
      "markup" = "UsageRollup"."markup" + EXCLUDED."markup",
      "amountBilled" = "UsageRollup"."amountBilled" + EXCLUDED."amountBilled",
      "latencyMsSum" = "UsageRollup"."latencyMsSum" + EXCLUDED."latencyMsSum"`;
}
