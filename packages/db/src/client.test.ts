// The same client behaviour on PGlite and PostgreSQL: constraints, Decimal money, enums.
import { afterAll, describe, expect, it } from "vitest";
import { Prisma } from "./generated/prisma/client.ts";
import { migrate } from "./migrations/runner.ts";
import { databaseTargets } from "./testing/index.ts";

const { targets, dropAll } = await databaseTargets();
afterAll(dropAll);

describe.each(targets)("database behaviour on %s", (_name, open) => {
  it("enforces at most one active key per organization, kind and provider", async () => {
    const db = await open();
    await migrate(db.sql);
    const { prisma } = db;
    await prisma.organization.create({ data: { id: "org_a", name: "A" } });
    const key = (id: string, status: "active" | "inactive" | "invalid", providerId = "openai") => ({
      id, organizationId: "org_a", providerId, status, ciphertext: new Uint8Array([1]), wrappedDataKey: new Uint8Array([2]), masterKeyVersion: 1, last4: "abcd",
    });
    await prisma.providerKey.create({ data: key("pk_1", "active") });
    await prisma.providerKey.create({ data: key("pk_2", "inactive") });
    await prisma.providerKey.create({ data: key("pk_3", "invalid") });
    await prisma.providerKey.create({ data: key("pk_4", "active", "groq") });
    await expect(prisma.providerKey.create({ data: key("pk_5", "active") })).rejects.toMatchObject({ code: "P2002" });
    await expect(prisma.providerKey.update({ where: { id: "pk_2" }, data: { status: "active" } })).rejects.toMatchObject({ code: "P2002" });
    await prisma.$transaction([
      prisma.providerKey.update({ where: { id: "pk_1" }, data: { status: "inactive" } }),
      prisma.providerKey.update({ where: { id: "pk_2" }, data: { status: "active" } }),
    ]);
    const active = await prisma.providerKey.findMany({ where: { organizationId: "org_a", providerId: "openai", status: "active" } });
    expect(active.map((k) => k.id)).toEqual(["pk_2"]);
    await db.close();
  }, 60_000);

  it("keeps money exact as Decimal and usage entries unique per request", async () => {
    const db = await open();
    await migrate(db.sql);
    const { prisma } = db;
    await prisma.organization.create({ data: { id: "org_b", name: "B" } });
    const amount = new Prisma.Decimal("-0.0000012345");
    await prisma.creditLedgerEntry.create({ data: { id: "led_1", organizationId: "org_b", kind: "usage", amount, requestId: "req_1" } });
    await prisma.creditLedgerEntry.create({ data: { id: "led_2", organizationId: "org_b", kind: "grant", amount: new Prisma.Decimal("10.1") } });
    await expect(
      prisma.creditLedgerEntry.create({ data: { id: "led_3", organizationId: "org_b", kind: "usage", amount, requestId: "req_1" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    const sum = await prisma.creditLedgerEntry.aggregate({ where: { organizationId: "org_b" }, _sum: { amount: true } });
    expect(sum._sum.amount).toBeInstanceOf(Prisma.Decimal);
    expect(sum._sum.amount!.toString()).toBe("10.0999987655");
    const project = await prisma.project.create({ data: { id: "prj_1", organizationId: "org_b", name: "p" } });
    expect(project.mode).toBe("hybrid");
    await db.close();
  }, 60_000);
});
