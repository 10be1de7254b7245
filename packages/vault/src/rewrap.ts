// Master key rotation: re-wraps every provider key's data key under the current master key.
// Safe while the system runs: each update only applies if the row is still what was read.
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import { rewrapDataKey } from "./envelope.ts";
import type { Keyring } from "./keyring.ts";

export interface RewrapResult {
  /** Re-wrapped by this run. */
  rewrapped: number;
  /** Already under the current master key (before the run, or by a concurrent writer). */
  alreadyCurrent: number;
  /** Could not be unwrapped (unknown master key version, tampered, or mis-bound). */
  failed: number;
  /** Deleted or changed concurrently too often, or wrapped by a newer key than this keyring knows. */
  skipped: number;
}

interface Row {
  id: string;
  organizationId: string;
  providerId: string;
  wrappedDataKey: Uint8Array;
  masterKeyVersion: number;
}

const SELECT = { id: true, organizationId: true, providerId: true, wrappedDataKey: true, masterKeyVersion: true } as const;
const MAX_ATTEMPTS = 3;

export async function rewrapProviderKeys(
  prisma: PrismaClient,
  keyring: Keyring,
  logger: Logger,
  options: { batchSize?: number } = {},
): Promise<RewrapResult> {
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
  const current = keyring.current;
  const result: RewrapResult = { rewrapped: 0, alreadyCurrent: 0, failed: 0, skipped: 0 };

  result.alreadyCurrent = await prisma.providerKey.count({ where: { masterKeyVersion: current } });
  const newer = await prisma.providerKey.count({ where: { masterKeyVersion: { gt: current } } });
  if (newer > 0) {
    result.skipped += newer;
    logger.warn({ count: newer, currentVersion: current }, "Provider keys are wrapped by a newer master key than this process knows; left as they are");
  }
  logger.info({ currentVersion: current, alreadyCurrent: result.alreadyCurrent }, "Re-wrapping provider keys");

  let cursor: string | undefined;
  for (;;) {
    const rows: Row[] = await prisma.providerKey.findMany({
      where: { masterKeyVersion: { lt: current }, ...(cursor === undefined ? {} : { id: { gt: cursor } }) },
      orderBy: { id: "asc" },
      take: batchSize,
      select: SELECT,
    });
    for (const row of rows) await rewrapOne(prisma, keyring, logger, row, result);
    logger.debug({ batch: rows.length, ...result }, "Re-wrap batch done");
    if (rows.length < batchSize) break;
    cursor = rows[rows.length - 1]!.id;
  }

  logger.info({ currentVersion: current, ...result }, "Re-wrapped provider keys");
  return result;
}

async function rewrapOne(prisma: PrismaClient, keyring: Keyring, logger: Logger, first: Row, result: RewrapResult): Promise<void> {
  let row: Row | null = first;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (!row) {
      result.skipped++; // deleted meanwhile
      return;
    }
    if (row.masterKeyVersion === keyring.current) {
      result.alreadyCurrent++; // re-wrapped or replaced by someone else meanwhile
      return;
    }
    if (row.masterKeyVersion > keyring.current) {
      result.skipped++;
      logger.warn({ id: row.id, masterKeyVersion: row.masterKeyVersion }, "Provider key was re-wrapped by a newer master key meanwhile");
      return;
    }
    let next;
    try {
      next = rewrapDataKey(keyring, { organizationId: row.organizationId, recordId: row.id, providerId: row.providerId }, row);
    } catch {
      result.failed++;
      logger.error({ id: row.id, masterKeyVersion: row.masterKeyVersion }, "Provider key could not be unwrapped; left as it is");
      return;
    }
    const { count } = await prisma.providerKey.updateMany({
      where: { id: row.id, masterKeyVersion: row.masterKeyVersion, wrappedDataKey: toBytes(row.wrappedDataKey) },
      data: next,
    });
    if (count === 1) {
      result.rewrapped++;
      return;
    }
    logger.debug({ id: row.id, attempt }, "Provider key changed concurrently; re-reading");
    row = await prisma.providerKey.findUnique({ where: { id: row.id }, select: SELECT });
  }
  result.skipped++;
  logger.warn({ id: first.id }, "Provider key kept changing concurrently; skipped");
}

function toBytes(value: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(value);
}
