// The rollup queries on both databases (the GraphQL tests run on PGlite): exact sums, UTC
// buckets whatever the session time zone, and the row limit.
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@switchyard/db";
import { databaseTargets } from "@switchyard/db/testing";
import { MAX_ROWS, usageGroups, usageSeries, usageTotals } from "./analytics.ts";
import { usageQuery } from "./range.ts";
import { seedUsage } from "./testing/seed.ts";

const { targets, dropAll } = await databaseTargets();
afterAll(dropAll);

describe.each(targets)("usage analytics on %s", (_name, open) => {
  it("sums rollups exactly, per UTC bucket and group", async () => {
    const db = await open();
    await migrate(db.sql);
    const s = await seedUsage(db.prisma);
    const q = usageQuery({ organizationId: s.orgId, from: new Date("2025-06-30T22:00:00Z"), to: new Date("2025-07-01T02:00:00Z"), granularity: "hour", dimensions: ["keySource"], filter: null });
    // A session in another time zone must not shift the buckets.
    const series = await db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE 'America/Los_Angeles'`);
      expect(await tx.$queryRawUnsafe<Array<{ tz: string }>>(`SELECT current_setting('TimeZone') AS tz`)).toEqual([{ tz: "America/Los_Angeles" }]);
      return usageSeries(tx, q);
    });
    expect(await usageTotals(db.prisma, q)).toEqual({
      requests: 6, errors: 1, promptTokens: 1650, completionTokens: 230, cachedTokens: 510, reasoningTokens: 30,
      costTotal: "0.0165000001", costPaidWithCredits: "0.0130000001", costWithOwnKeys: "0.0035", markupCharged: "0.000175", amountBilled: "0.0131750001", averageLatencyMs: 200,
    });
    expect(series.map((b) => [b.bucketStart.toISOString(), b.groups.map((g) => `${g.key.keySource}:${g.figures.requests}`)])).toEqual([
      ["2025-06-30T22:00:00.000Z", ["credits:2"]],
      ["2025-06-30T23:00:00.000Z", ["byok:1"]],
      ["2025-07-01T00:00:00.000Z", ["byok:1", "credits:1"]],
      ["2025-07-01T01:00:00.000Z", ["credits:1"]],
    ]);
    const days = usageQuery({ ...q, from: q.from, to: q.to, granularity: "day", dimensions: [], filter: { keySources: ["byok"] } });
    expect((await usageGroups(db.prisma, days)).map((g) => g.figures.markupCharged)).toEqual(["0.000175"]);
    await db.close();
  }, 60_000);

  it("refuses an answer of more than MAX_ROWS rows", async () => {
    const db = await open();
    await migrate(db.sql);
    const s = await seedUsage(db.prisma);
    await db.prisma.$executeRawUnsafe(`
      INSERT INTO "UsageRollup" ("id", "granularity", "bucket", "organizationId", "projectId", "apiKeyId", "providerId", "model", "keySource", "requests")
      SELECT 'rol_many_' || i, 'day', '2025-08-01', '${s.orgId}', 'prj_x', 'key_x', 'openai', 'model-' || i, 'credits', 1 FROM generate_series(1, ${MAX_ROWS + 1}) AS i`);
    const q = usageQuery({ organizationId: s.orgId, from: new Date("2025-08-01T00:00:00Z"), to: new Date("2025-08-02T00:00:00Z"), granularity: "day", dimensions: ["model"], filter: null });
    await expect(usageGroups(db.prisma, q)).rejects.toMatchObject({ extensions: { code: "BAD_INPUT", field: "groupBy" } });
    expect((await usageTotals(db.prisma, q)).requests).toBe(MAX_ROWS + 1);
    await db.close();
  }, 60_000);
});
