// Billing exactly once: duplicates, batches and the ledger/events/rollups agreement, on PGlite
// and PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { migrate, Prisma } from "@switchyard/db";
import { databaseTargets } from "@switchyard/db/testing";
import type { UsageEventJob } from "@switchyard/queue";
import { sampleUsageEvent } from "@switchyard/queue/testing";
import { ingestBatch } from "./ingest.ts";

const { targets, dropAll } = await databaseTargets();
afterAll(dropAll);

function event(orgId: string, over: Partial<UsageEventJob> = {}): UsageEventJob {
  const total = over.cost?.total ?? "0.0001234567";
  return sampleUsageEvent(orgId, total, { promptTokens: 100, completionTokens: 20, latencyMs: 120, ...over });
}

describe.each(targets)("ingest on %s", (_name, open) => {
  it("bills an event delivered three times exactly once", async () => {
    const db = await open();
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_x", name: "x", balance: { create: { balance: new Prisma.Decimal(10) } } } });
    const e = event("org_x");
    expect((await ingestBatch(db.prisma, [e, e])).inserted).toBe(1);
    expect(await ingestBatch(db.prisma, [e])).toMatchObject({ inserted: 0, duplicates: 1 });
    const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_x" } });
    expect(balance.balance.toString()).toBe("9.9998765433");
    expect(await db.prisma.creditLedgerEntry.count({ where: { requestId: e.requestId } })).toBe(1);
    const rollups = await db.prisma.usageRollup.findMany({ where: { organizationId: "org_x" } });
    expect(rollups.map((r) => [r.granularity, r.requests])).toEqual(expect.arrayContaining([["hour", 1], ["day", 1]]));
    await db.close();
  }, 60_000);

  it("stores the audio, image and web-search cost parts and the units, and reads events queued before they existed", async () => {
    const db = await open();
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_u", name: "u", balance: { create: { balance: new Prisma.Decimal(10) } } } });
    const zero = "0.0000000000";
    const cost = { input: "0.0001000000", cachedInput: zero, output: zero, reasoning: zero, request: zero, audio: "0.0200000000", image: "0.0300000000", webSearch: "0.0050000000", total: "0.0551000000" };
    const units = { audioInputTokens: 50, audioSeconds: 12.5, images: 1, imageVariant: "hd:1024x1792", search: { providerId: "tavily", keySource: "credits" as const, cost: "0.0050000000", markup: zero, amountBilled: "0.0050000000" } };
    const withUnits = event("org_u", { endpoint: "audio.transcriptions", cost, units, amountBilled: "0.0551000000" });
    const { audio: _a, image: _i, webSearch: _w, ...oldCost } = cost;
    const old = event("org_u", { cost: { ...oldCost, total: "0.0001000000" }, amountBilled: "0.0001000000" });
    expect((await ingestBatch(db.prisma, [withUnits, old])).inserted).toBe(2);
    const stored = await db.prisma.usageEvent.findUniqueOrThrow({ where: { requestId: withUnits.requestId } });
    expect([stored.costAudio, stored.costImage, stored.costWebSearch, stored.costTotal].map((d) => d.toFixed(10))).toEqual([cost.audio, cost.image, cost.webSearch, cost.total]);
    expect(stored.units).toEqual(units);
    const before = await db.prisma.usageEvent.findUniqueOrThrow({ where: { requestId: old.requestId } });
    expect([before.costAudio.toFixed(10), before.costWebSearch.toFixed(10), before.units]).toEqual([zero, zero, null]);
    await db.close();
  }, 60_000);

  it("books a chat request's web search paid by the other party as its own ledger entry", async () => {
    const db = await open();
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_s", name: "s", balance: { create: { balance: new Prisma.Decimal(10) } } } });
    const zero = "0.0000000000";
    // The model on an own key (markup 0.0007), its search on credits (0.008 + 10% margin = 0.0088).
    const search = { providerId: "tavily", keySource: "credits" as const, cost: "0.0080000000", markup: "0.0008000000", amountBilled: "0.0088000000" };
    const mixed = event("org_s", { keySource: "byok", units: { search }, markup: "0.0015000000", amountBilled: "0.0095000000", cost: { input: "0.0100000000", cachedInput: zero, output: "0.0040000000", reasoning: zero, request: zero, webSearch: "0.0080000000", total: "0.0220000000" } });
    // Both on credits: one entry, as before.
    const same = event("org_s", { keySource: "credits", units: { search: { ...search } }, amountBilled: "0.0100000000" });
    await ingestBatch(db.prisma, [mixed, same]);
    const entries = await db.prisma.creditLedgerEntry.findMany({ where: { organizationId: "org_s" }, orderBy: { amount: "asc" } });
    const of = (requestId: string) => entries.filter((e) => e.requestId === requestId).map((e) => [e.kind, e.amount.toFixed(10)]);
    expect(of(mixed.requestId)).toEqual(expect.arrayContaining([["usage", "-0.0088000000"], ["markup", "-0.0007000000"]]));
    expect(of(mixed.requestId)).toHaveLength(2);
    expect(of(same.requestId)).toEqual([["usage", "-0.0100000000"]]);
    const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_s" } });
    expect(balance.balance.toFixed(10)).toBe("9.9805000000");
    await db.close();
  }, 60_000);

  it("bills events shared by concurrent batches once", async () => {
    const db = await open();
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_z", name: "z", balance: { create: { balance: new Prisma.Decimal(10) } } } });
    const events = Array.from({ length: 300 }, () => event("org_z"));
    const results = await Promise.all([ingestBatch(db.prisma, events.slice(0, 200)), ingestBatch(db.prisma, events.slice(100).reverse())]);
    expect(results.map((r) => r.inserted).reduce((a, b) => a + b)).toBe(300);
    expect(await db.prisma.creditLedgerEntry.count({ where: { organizationId: "org_z" } })).toBe(300);
    const hourly = await db.prisma.usageRollup.aggregate({ where: { organizationId: "org_z", granularity: "hour" }, _sum: { requests: true } });
    expect(hourly._sum.requests).toBe(300);
    const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_z" } });
    expect(balance.balance.toString()).toBe(new Prisma.Decimal(10).minus(new Prisma.Decimal("0.0001234567").times(300)).toString());
    await db.close();
  }, 60_000);

  it("keeps ledger, events and rollups equal to the cent with random duplicates and both payers", async () => {
    const db = await open();
    await migrate(db.sql);
    await db.prisma.organization.create({ data: { id: "org_y", name: "y", balance: { create: { balance: new Prisma.Decimal(1000) } } } });
    const events = Array.from({ length: 1000 }, (_, i) =>
      i % 3 === 0
        ? event("org_y", { keySource: "byok", markup: "0.0000061728", amountBilled: "0.0000061728", createdAt: new Date(Date.now() - i * 60_000).toISOString() })
        : event("org_y", { cost: { input: "0.000150", cachedInput: "0", output: "0.000012", reasoning: "0", request: "0", total: "0.000162" }, amountBilled: "0.000162", createdAt: new Date(Date.now() - i * 60_000).toISOString() }),
    );
    const deliveries = [...events, ...events.filter((_, i) => i % 7 === 0)].sort(() => Math.random() - 0.5);
    for (let i = 0; i < deliveries.length; i += 97) await ingestBatch(db.prisma, deliveries.slice(i, i + 97));

    const billed = events.reduce((sum, e) => sum.plus(e.amountBilled), new Prisma.Decimal(0));
    const ledger = await db.prisma.creditLedgerEntry.aggregate({ where: { organizationId: "org_y" }, _sum: { amount: true }, _count: true });
    const stored = await db.prisma.usageEvent.aggregate({ where: { organizationId: "org_y" }, _sum: { amountBilled: true }, _count: true });
    const hourly = await db.prisma.usageRollup.aggregate({ where: { organizationId: "org_y", granularity: "hour" }, _sum: { amountBilled: true, requests: true } });
    const daily = await db.prisma.usageRollup.aggregate({ where: { organizationId: "org_y", granularity: "day" }, _sum: { amountBilled: true, requests: true } });
    expect(stored._count).toBe(1000);
    expect(ledger._count).toBe(1000);
    expect(ledger._sum.amount!.negated().toString()).toBe(billed.toString());
    expect(stored._sum.amountBilled!.toString()).toBe(billed.toString());
    expect(hourly._sum.amountBilled!.toString()).toBe(billed.toString());
    expect(daily._sum.amountBilled!.toString()).toBe(billed.toString());
    expect([hourly._sum.requests, daily._sum.requests]).toEqual([1000, 1000]);
    const balance = await db.prisma.creditBalance.findUniqueOrThrow({ where: { organizationId: "org_y" } });
    expect(balance.balance.toString()).toBe(new Prisma.Decimal(1000).minus(billed).toString());
    expect(await db.prisma.creditLedgerEntry.count({ where: { organizationId: "org_y", kind: "markup" } })).toBe(334);
    await db.close();
  }, 120_000);
});
