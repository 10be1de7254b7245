import { randomBytes } from "node:crypto";
import { newId } from "@switchyard/core";
import { migrate, openDatabase, type Database, type PrismaClient } from "@switchyard/db";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, type SecretContext } from "./envelope.ts";
import { createKeyring, generateMasterKey } from "./keyring.ts";
import { rewrapProviderKeys } from "./rewrap.ts";
import { captureLogger, flipByte } from "./test-support.ts";

const v1 = generateMasterKey();
const v2 = generateMasterKey();
const keyringV1 = createKeyring([[1, v1]]);
const keyringV1V2 = createKeyring([[1, v1], [2, v2]]);
const keyringV2 = createKeyring([[2, v2]]);

let db: Database;
let organizationId: string;

beforeAll(async () => {
  db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
}, 60_000);
afterAll(async () => {
  await db?.close();
});
beforeEach(async () => {
  await db.prisma.providerKey.deleteMany();
  organizationId = newId("org");
  await db.prisma.organization.create({ data: { id: organizationId, name: "Rewrap test" } });
});

function contextOf(row: { id: string; organizationId: string; providerId: string }): SecretContext {
  return { organizationId: row.organizationId, recordId: row.id, providerId: row.providerId };
}

async function insertKey(keyring = keyringV1, providerId = `provider-${randomBytes(4).toString("hex")}`) {
  const id = newId("pk");
  const secret = `sk-${randomBytes(12).toString("hex")}`;
  const enc = encryptSecret(keyring, { organizationId, recordId: id, providerId }, secret);
  await db.prisma.providerKey.create({
    data: { id, organizationId, providerId, ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4 },
  });
  return { id, secret };
}

async function readAll() {
  return db.prisma.providerKey.findMany({ orderBy: { id: "asc" } });
}

describe("rewrapProviderKeys", () => {
  it("moves every record to the current master key in batches, leaving ciphertexts untouched", async () => {
    const keys = await Promise.all(Array.from({ length: 7 }, () => insertKey(keyringV1)));
    const fresh = await insertKey(keyringV1V2);
    const broken = await insertKey(keyringV1);
    const brokenRow = await db.prisma.providerKey.findUniqueOrThrow({ where: { id: broken.id } });
    await db.prisma.providerKey.update({ where: { id: broken.id }, data: { wrappedDataKey: flipByte(brokenRow.wrappedDataKey, 40) } });
    const before = new Map((await readAll()).map((r) => [r.id, r]));

    const { logger, text } = captureLogger();
    const result = await rewrapProviderKeys(db.prisma, keyringV1V2, logger, { batchSize: 3 });
    expect(result).toEqual({ rewrapped: 7, alreadyCurrent: 1, failed: 1, skipped: 0 });

    const after = await readAll();
    for (const row of after) {
      expect(Buffer.from(row.ciphertext).equals(Buffer.from(before.get(row.id)!.ciphertext))).toBe(true);
      if (row.id === broken.id) {
        expect(row.masterKeyVersion).toBe(1);
        continue;
      }
      expect(row.masterKeyVersion).toBe(2);
      const expected = [...keys, fresh].find((k) => k.id === row.id)!.secret;
      expect(decryptSecret(keyringV2, contextOf(row), row)).toBe(expected);
    }
    expect(text()).toContain(broken.id);
    for (const k of keys) expect(text()).not.toContain(k.secret);

    const again = await rewrapProviderKeys(db.prisma, keyringV1V2, captureLogger().logger);
    expect(again).toEqual({ rewrapped: 0, alreadyCurrent: 8, failed: 1, skipped: 0 });
  }, 30_000);

  it("counts records it cannot unwrap (unknown version) as failed and leaves them", async () => {
    const { id } = await insertKey(keyringV1);
    const result = await rewrapProviderKeys(db.prisma, createKeyring([[2, v2]]), captureLogger().logger);
    expect(result).toMatchObject({ rewrapped: 0, failed: 1 });
    expect((await db.prisma.providerKey.findUniqueOrThrow({ where: { id } })).masterKeyVersion).toBe(1);
  }, 30_000);

  it("never downgrades records wrapped by a newer key than the keyring knows", async () => {
    const { id } = await insertKey(createKeyring([[1, v1], [2, v2], [3, generateMasterKey()]]));
    const result = await rewrapProviderKeys(db.prisma, keyringV1V2, captureLogger().logger);
    expect(result).toEqual({ rewrapped: 0, alreadyCurrent: 0, failed: 0, skipped: 1 });
    const row = await db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
    expect(row.masterKeyVersion).toBe(3);
  }, 30_000);

  describe("concurrent changes", () => {
    /** A client whose providerKey.updateMany first runs `meanwhile`, as another process would. */
    function racing(meanwhile: (id: string) => Promise<void>): PrismaClient {
      let raced = false;
      const providerKey = new Proxy(db.prisma.providerKey, {
        get(target, prop, receiver) {
          if (prop !== "updateMany") return Reflect.get(target, prop, receiver) as unknown;
          return async (args: { where: { id: string } }) => {
            if (!raced) {
              raced = true;
              await meanwhile(args.where.id);
            }
            return target.updateMany(args as Parameters<typeof target.updateMany>[0]);
          };
        },
      });
      return new Proxy(db.prisma, {
        get: (target, prop, receiver) => (prop === "providerKey" ? providerKey : (Reflect.get(target, prop, receiver) as unknown)),
      });
    }

    async function replaceSecret(id: string, keyring = keyringV1V2) {
      const row = await db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
      const secret = `sk-replaced-${randomBytes(8).toString("hex")}`;
      const enc = encryptSecret(keyring, contextOf(row), secret);
      await db.prisma.providerKey.update({
        where: { id },
        data: { ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4 },
      });
      return secret;
    }

    it("does not overwrite a secret replaced under the current key meanwhile", async () => {
      const { id } = await insertKey(keyringV1);
      let replaced = "";
      const result = await rewrapProviderKeys(racing(async (raceId) => void (replaced = await replaceSecret(raceId))), keyringV1V2, captureLogger().logger);
      expect(result).toEqual({ rewrapped: 0, alreadyCurrent: 1, failed: 0, skipped: 0 });
      const row = await db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
      expect(decryptSecret(keyringV2, contextOf(row), row)).toBe(replaced);
    }, 30_000);

    it("re-reads and re-wraps a secret replaced under the old key meanwhile", async () => {
      const { id } = await insertKey(keyringV1);
      let replaced = "";
      const result = await rewrapProviderKeys(racing(async (raceId) => void (replaced = await replaceSecret(raceId, keyringV1))), keyringV1V2, captureLogger().logger);
      expect(result).toEqual({ rewrapped: 1, alreadyCurrent: 0, failed: 0, skipped: 0 });
      const row = await db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
      expect(row.masterKeyVersion).toBe(2);
      expect(decryptSecret(keyringV2, contextOf(row), row)).toBe(replaced);
    }, 30_000);

    it("skips a record deleted meanwhile", async () => {
      await insertKey(keyringV1);
      const deleting = racing(async (raceId) => void (await db.prisma.providerKey.delete({ where: { id: raceId } })));
      const result = await rewrapProviderKeys(deleting, keyringV1V2, captureLogger().logger);
      expect(result).toEqual({ rewrapped: 0, alreadyCurrent: 0, failed: 0, skipped: 1 });
      expect(await readAll()).toEqual([]);
    }, 30_000);
  });
});
