// The gateway's plain-SQL reads see exactly what the control plane wrote through Prisma: exact
// timestamps, decimals in Prisma's form, bytes, JSON and enum filters, on PGlite and PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { toPriceOverride } from "@switchyard/catalog";
import { migrate, Prisma } from "@switchyard/db";
import { databaseTargets } from "@switchyard/db/testing";
import { activeProviderKeys, allPriceOverrides, customProvidersOf, findApiKey, hasPositiveBalance, touchApiKey } from "./store.ts";

const { targets, dropAll } = await databaseTargets();
afterAll(dropAll);

describe.each(targets)("gateway store on %s", (_name, open) => {
  it("reads API keys, provider keys, balances, custom providers and price overrides as Prisma wrote them", async () => {
    const db = await open();
    try {
      await migrate(db.sql);
      const { prisma, sql } = db;
      const expiresAt = new Date("2031-05-06T07:08:09.123Z");
      await prisma.organization.create({ data: { id: "org_a", name: "A", byokMarkupRate: new Prisma.Decimal("0.050000"), balance: { create: { balance: new Prisma.Decimal("1.5") } } } });
      await prisma.organization.create({ data: { id: "org_b", name: "B", balance: { create: { balance: new Prisma.Decimal(0) } } } });
      await prisma.organization.create({ data: { id: "org_c", name: "C" } });
      await prisma.project.create({ data: { id: "prj_a", organizationId: "org_a", name: "p", mode: "byok", allowCreditsFallback: false } });
      await prisma.project.create({ data: { id: "prj_b", organizationId: "org_b", name: "q", archivedAt: new Date() } });
      await prisma.apiKey.create({ data: { id: "key_a", organizationId: "org_a", projectId: "prj_a", name: "n", prefix: "sy-key_a", secretHash: "h", last4: "abcd", expiresAt } });
      await prisma.apiKey.create({ data: { id: "key_b", organizationId: "org_b", projectId: "prj_b", name: "m", prefix: "sy-key_b", secretHash: "g", last4: "efgh", status: "revoked" } });

      expect(await findApiKey(sql, "key_a")).toEqual({
        id: "key_a",
        name: "n",
        prefix: "sy-key_a",
        organizationId: "org_a",
        projectId: "prj_a",
        secretHash: "h",
        status: "active",
        expiresAt,
        lastUsedAt: null,
        projectMode: "byok",
        allowCreditsFallback: false,
        projectArchived: false,
        byokMarkupRate: "0.05",
      });
      expect(await findApiKey(sql, "key_b")).toMatchObject({ status: "revoked", projectMode: "hybrid", projectArchived: true, byokMarkupRate: null, expiresAt: null });
      expect(await findApiKey(sql, "key_missing")).toBeUndefined();

      const usedAt = new Date("2030-01-02T03:04:05.678Z");
      await touchApiKey(sql, "key_a", usedAt);
      expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: "key_a" } })).lastUsedAt).toEqual(usedAt);
      expect((await findApiKey(sql, "key_a"))?.lastUsedAt).toEqual(usedAt);

      const secret = { ciphertext: Buffer.from([0, 1, 2, 250, 255]), wrappedDataKey: Buffer.from([9, 8, 7]), masterKeyVersion: 3, last4: "wxyz" };
      await prisma.providerKey.create({ data: { id: "pk_1", organizationId: "org_a", providerId: "openai", ...secret, config: { baseUrl: "https://proxy.example" } } });
      await prisma.providerKey.create({ data: { id: "pk_2", organizationId: "org_a", providerId: "groq", status: "inactive", ...secret } });
      await prisma.providerKey.create({ data: { id: "pk_3", organizationId: "org_a", providerId: "tavily", kind: "web_search", ...secret } });
      const models = await activeProviderKeys(sql, "org_a", "model");
      expect(models.map((k) => k.id)).toEqual(["pk_1"]);
      expect(Buffer.from(models[0]!.ciphertext)).toEqual(secret.ciphertext);
      expect(Buffer.from(models[0]!.wrappedDataKey)).toEqual(secret.wrappedDataKey);
      expect(models[0]).toMatchObject({ providerId: "openai", masterKeyVersion: 3, config: { baseUrl: "https://proxy.example" } });
      expect((await activeProviderKeys(sql, "org_a", "web_search")).map((k) => [k.id, k.providerId])).toEqual([["pk_3", "tavily"]]);
      expect(await activeProviderKeys(sql, "org_b", "model")).toEqual([]);

      expect(await hasPositiveBalance(sql, "org_a")).toBe(true);
      expect(await hasPositiveBalance(sql, "org_b")).toBe(false);
      expect(await hasPositiveBalance(sql, "org_c")).toBe(false);

      await prisma.customProvider.create({ data: { id: "cp_1", organizationId: "org_a", slug: "mine", name: "Mine", baseUrl: "https://llm.example/v1" } });
      expect(await customProvidersOf(sql, "org_a")).toEqual([{ slug: "mine", name: "Mine", baseUrl: "https://llm.example/v1" }]);
      expect(await customProvidersOf(sql, "org_b")).toEqual([]);

      await prisma.modelPriceOverride.create({ data: { id: "po_1", providerId: "openai", model: "gpt-4o-mini", effectiveFrom: new Date("2026-01-01T00:00:00.001Z"), inputPerMTok: new Prisma.Decimal("0.1500000000"), outputPerMTok: new Prisma.Decimal("0.6") } });
      await prisma.modelPriceOverride.create({ data: { id: "po_2", providerId: "groq", model: "llama", effectiveFrom: new Date("2027-06-30T23:59:59.999Z"), perRequest: new Prisma.Decimal("0.0000000001"), reasoningPerMTok: new Prisma.Decimal("12") } });
      const viaPrisma = (await prisma.modelPriceOverride.findMany()).map(toPriceOverride);
      const viaSql = await allPriceOverrides(sql);
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      expect(viaSql.sort(byId)).toEqual(viaPrisma.sort(byId));
      expect(viaSql[0]).toMatchObject({ inputPerMTok: "0.15", outputPerMTok: "0.6", cachedInputPerMTok: null });
    } finally {
      await db.close();
    }
  });
});
