import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createLogger, newId } from "@switchyard/core";
import { migrate, openDatabase, Prisma } from "@switchyard/db";
import type { UsageEventJob } from "@switchyard/queue";
import { ingestBatch } from "./ingest.ts";
import { reconcile } from "./reconcile.ts";

const event = (organizationId: string, amount: string): UsageEventJob => ({
  requestId: newId("req"), organizationId, projectId: "prj_1", apiKeyId: "key_1", providerId: "openai", model: "gpt-4o-mini", upstreamModel: "gpt-4o-mini",
  endpoint: "chat.completions", keySource: "credits", promptTokens: 1, completionTokens: 1, cachedTokens: 0, reasoningTokens: 0, usageEstimated: false, priced: true,
  cost: { input: amount, cachedInput: "0", output: "0", reasoning: "0", request: "0", total: amount }, markup: "0", amountBilled: amount,
  latencyMs: 1, timeToFirstTokenMs: null, status: "success", httpStatus: 200, errorCode: null, attempts: 1, createdAt: new Date().toISOString(),
});

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
