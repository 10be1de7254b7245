// Writes one page of re-priced events, inside the page's transaction: the events' new cost
// fields, one `adjustment` ledger entry per changed event (signed credits: positive refunds,
// negative charges), the organization's balance, and the hourly and daily rollups by the
// differences.
import { newId } from "@switchyard/core";
import { Prisma } from "@switchyard/db";
import type { Billed, StoredEvent } from "./price-event.ts";

type Tx = Prisma.TransactionClient;

export interface Change {
  event: StoredEvent;
  before: Billed;
  after: Billed;
  /** The adjustment entry's requestId (unique with kind `adjustment`). */
  ledgerKey: string;
}

const dec = (s: string) => new Prisma.Decimal(s);

/** Credit to the organization: what it paid minus what it owes now. */
export function adjustmentOf(c: Pick<Change, "before" | "after">): Prisma.Decimal {
  return dec(c.before.amountBilled).minus(c.after.amountBilled);
}

export async function applyChanges(tx: Tx, organizationId: string, changes: Change[], description: string): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map(
    ({ event, after }) => Prisma.sql`(${event.id}, ${after.cost.input}::numeric, ${after.cost.cachedInput}::numeric, ${after.cost.output}::numeric, ${after.cost.reasoning}::numeric,
      ${after.cost.request}::numeric, ${after.cost.audio ?? "0"}::numeric, ${after.cost.image ?? "0"}::numeric, ${after.cost.webSearch ?? "0"}::numeric,
      ${after.cost.total}::numeric, ${after.markup}::numeric, ${after.amountBilled}::numeric)`,
  );
  const updated = await tx.$executeRaw`
    UPDATE "UsageEvent" AS e SET "costInput" = v.ci, "costCachedInput" = v.cc, "costOutput" = v.co, "costReasoning" = v.cr, "costRequest" = v.cq,
      "costAudio" = v.ca, "costImage" = v.cm, "costWebSearch" = v.cw, "costTotal" = v.ct, "markup" = v.mk, "amountBilled" = v.ab
    FROM (VALUES ${Prisma.join(rows)}) AS v(id, ci, cc, co, cr, cq, ca, cm, cw, ct, mk, ab)
    WHERE e.id = v.id`;
  if (updated !== changes.length) throw new Error(`re-pricing updated ${updated} of ${changes.length} events`);

  const entries = changes.map((c) => ({ c, amount: adjustmentOf(c) })).filter((x) => !x.amount.isZero());
  if (entries.length > 0) {
    await tx.creditLedgerEntry.createMany({
      data: entries.map(({ c, amount }) => ({ id: newId("led"), organizationId, kind: "adjustment" as const, amount, requestId: c.ledgerKey, description })),
    });
    const net = entries.reduce((sum, x) => sum.plus(x.amount), new Prisma.Decimal(0));
    if (!net.isZero()) {
      await tx.creditBalance.upsert({ where: { organizationId }, create: { organizationId, balance: net }, update: { balance: { increment: net } } });
    }
  }
  await adjustRollups(tx, changes);
}

function bucketStart(at: Date, granularity: "hour" | "day"): Date {
  const d = new Date(at);
  d.setUTCMinutes(0, 0, 0);
  if (granularity === "day") d.setUTCHours(0);
  return d;
}

interface Delta {
  granularity: "hour" | "day";
  bucket: Date;
  e: StoredEvent;
  costTotal: Prisma.Decimal;
  markup: Prisma.Decimal;
  amountBilled: Prisma.Decimal;
}

/** Adds the differences to the rollup rows the events were counted in (ingest created them). */
async function adjustRollups(tx: Tx, changes: Change[]): Promise<void> {
  const groups = new Map<string, Delta>();
  for (const { event: e, before, after } of changes) {
    for (const granularity of ["hour", "day"] as const) {
      const bucket = bucketStart(e.createdAt, granularity);
      const id = [granularity, bucket.toISOString(), e.organizationId, e.projectId, e.apiKeyId, e.providerId, e.model, e.keySource].join("|");
      const zero = new Prisma.Decimal(0);
      const g = groups.get(id) ?? { granularity, bucket, e, costTotal: zero, markup: zero, amountBilled: zero };
      g.costTotal = g.costTotal.plus(dec(after.cost.total).minus(before.cost.total));
      g.markup = g.markup.plus(dec(after.markup).minus(before.markup));
      g.amountBilled = g.amountBilled.plus(dec(after.amountBilled).minus(before.amountBilled));
      groups.set(id, g);
    }
  }
  const deltas = [...groups.entries()]
    .filter(([, g]) => !(g.costTotal.isZero() && g.markup.isZero() && g.amountBilled.isZero()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => g);
  if (deltas.length === 0) return;
  const rows = deltas.map(
    (g) => Prisma.sql`(${g.granularity}::"RollupGranularity", ${g.bucket}::timestamp, ${g.e.organizationId}, ${g.e.projectId}, ${g.e.apiKeyId}, ${g.e.providerId}, ${g.e.model}, ${g.e.keySource}::"KeySource",
      ${g.costTotal.toFixed(10)}::numeric, ${g.markup.toFixed(10)}::numeric, ${g.amountBilled.toFixed(10)}::numeric)`,
  );
  const updated = await tx.$executeRaw`
    UPDATE "UsageRollup" AS r SET "costTotal" = r."costTotal" + v.ct, "markup" = r."markup" + v.mk, "amountBilled" = r."amountBilled" + v.ab
    FROM (VALUES ${Prisma.join(rows)}) AS v(granularity, bucket, org, project, key, provider, model, source, ct, mk, ab)
    WHERE r.granularity = v.granularity AND r.bucket = v.bucket AND r."organizationId" = v.org AND r."projectId" = v.project AND r."apiKeyId" = v.key
      AND r."providerId" = v.provider AND r.model = v.model AND r."keySource" = v.source`;
  if (updated !== deltas.length) throw new Error(`re-pricing found ${updated} of ${deltas.length} rollup rows`);
}
