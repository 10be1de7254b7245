import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger } from "@switchyard/core";
import { migrate, openDatabase, Prisma } from "@switchyard/db";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { ingestBatch } from "./ingest.ts";
import { reconcile } from "./reconcile.ts";

const event = (organizationId: string, amount: string) => sampleUsageEvent(organizationId, amount);

it("finds no difference after ingest, and reports a tampered ledger loudly", async () => {
  const db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
  for (const id of ["org_a", "org_b"]) await db.prisma.organization.create({ data: { id, name: id, balance: { create: { balance: new Prisma.Decimal(1) } } } });
  await ingestBatch(db.prisma, [event("org_a", "0.01"), event("org_a", "0.0000000001"), event("org_b", "0.5")]);
  const lines: string[] = [];
  const logger = createLogger({ level: "info", destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
  expect(await reconcile(db.prisma, logger)).toEqual([]);

  const entry = await db.prisma.creditLedgerEntry.findFirstOrThrow({ where: { organizationId: "org_b" } });
  await db.prisma.creditLedgerEntry.update({ where: { id: entry.id }, data: { amount: new Prisma.Decimal("-0.49") } });
  const found = await reconcile(db.prisma, logger);
  expect(found).toEqual([{ organizationId: "org_b", check: "ledger", expected: "0.5000000000", actual: "0.4900000000" }]);
  expect(lines.some((l) => l.includes("RECONCILIATION MISMATCH") && l.includes('"level":"error"'))).toBe(true);
  await db.close();
}, 60_000);
