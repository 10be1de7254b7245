// Bills a batch of usage events in one statement (INGEST_SQL), which is its own transaction:
// each event is inserted once (unique request id), its charge debited from the ledger and the
// organization's balance, and the hourly and daily rollups incremented. A redelivered event
// finds its row and changes nothing, so retries and duplicate deliveries bill exactly once.
import { newId } from "@switchyard/core";
import { Prisma, type PrismaClient } from "@switchyard/db";
import type { UsageEventJob } from "@switchyard/queue";
import { INGEST_SQL } from "./ingest-sql.ts";

export interface IngestResult {
  inserted: number;
  duplicates: number;
  /** The events this batch inserted (not the duplicates), for the live request feed. */
  ingested: UsageEventJob[];
  /** Organizations whose balance changed. */
  debited: Set<string>;
}

type Db = Pick<PrismaClient, "$queryRawUnsafe">;

export async function ingestBatch(prisma: Db, events: UsageEventJob[]): Promise<IngestResult> {
  // In request id order, so concurrent batches sharing events take their row locks in one order.
  const unique = [...new Map(events.map((e) => [e.requestId, e])).values()].sort((a, b) => (a.requestId < b.requestId ? -1 : 1));
  // Constant SQL; the events are its one bound parameter.
  const rows = await prisma.$queryRawUnsafe<Array<{ requestId: string }>>(INGEST_SQL, JSON.stringify(withIds(unique)));
  const inserted = new Set(rows.map((r) => r.requestId));
  const fresh = unique.filter((e) => inserted.has(e.requestId));
  return {
    inserted: fresh.length,
    duplicates: events.length - fresh.length,
    ingested: fresh,
    debited: new Set(fresh.filter((e) => new Prisma.Decimal(e.amountBilled).greaterThan(0)).map((e) => e.organizationId)),
  };
}

/** The ids INGEST_SQL inserts with: one per event and ledger entry, one per rollup row. */
function withIds(events: UsageEventJob[]) {
  const rollupIds = new Map<string, string>();
  const rollupId = (e: UsageEventJob, bucket: string) => {
    const key = [bucket, e.organizationId, e.projectId, e.apiKeyId, e.providerId, e.model, e.keySource].join("|");
    let id = rollupIds.get(key);
    if (id === undefined) rollupIds.set(key, (id = newId("rol")));
    return id;
  };
  return events.map((e) => {
    const at = new Date(e.createdAt).toISOString();
    return { ...e, id: newId("evt"), ledgerId: newId("led"), searchLedgerId: newId("led"), hourRollupId: rollupId(e, at.slice(0, 13)), dayRollupId: rollupId(e, at.slice(0, 10)) };
  });
}
