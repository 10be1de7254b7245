// A canary provider secret goes through encryption, storage and master key rotation; afterwards
// no table, bytea column or log line may contain it (or the master keys) in plain text.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newId, randomToken } from "@switchyard/core";
import { migrate, openDatabase, type Database } from "@switchyard/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./envelope.ts";
import { createKeyring, generateMasterKey, loadSecrets } from "./keyring.ts";
import { rewrapProviderKeys } from "./rewrap.ts";
import { captureLogger } from "./test-support.ts";

let db: Database;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "switchyard-canary-"));
  db = await openDatabase({ dataDir: undefined });
  await migrate(db.sql);
}, 60_000);
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});

interface Dump {
  /** Every row of every table as JSON text (bytea appears as \x-hex). */
  rows: string[];
  /** Every non-null bytea value, raw. */
  bytes: Buffer[];
}

async function dumpDatabase(): Promise<Dump> {
  return db.sql.session(async (s) => {
    const tables = await s.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toContain("ProviderKey");
    const rows: string[] = [];
    const bytes: Buffer[] = [];
    for (const { table_name: table } of tables) {
      const quoted = `"${table.replaceAll('"', '""')}"`;
      for (const r of await s.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${quoted} t`)) rows.push(r.row);
      const columns = await s.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'bytea'`,
        [table],
      );
      for (const { column_name: column } of columns) {
        const col = `"${column.replaceAll('"', '""')}"`;
        const values = await s.query<{ raw: Uint8Array | null; escaped: string | null }>(
          `SELECT ${col} AS raw, encode(${col}, 'escape') AS escaped FROM ${quoted}`,
        );
        for (const v of values) {
          if (v.raw) bytes.push(Buffer.from(v.raw));
          if (v.escaped) rows.push(v.escaped);
        }
      }
    }
    return { rows, bytes };
  });
}

function leaks(dump: Dump, needle: string): string[] {
  const forms = [needle, Buffer.from(needle, "utf8").toString("hex"), Buffer.from(needle, "utf8").toString("base64")];
  const found = dump.rows.filter((row) => forms.some((f) => row.includes(f)));
  if (dump.bytes.some((b) => b.includes(Buffer.from(needle, "utf8")))) found.push("<raw bytea>");
  return found;
}

describe("canary: provider secrets never reach the database or logs in plain text", () => {
  it("finds a planted control value, proving the dump would catch a leak", async () => {
    const control = `control-${randomToken(24)}`;
    const organizationId = newId("org");
    await db.prisma.organization.create({ data: { id: organizationId, name: control } });
    await db.prisma.providerKey.create({
      data: {
        id: newId("pk"),
        organizationId,
        providerId: "openai",
        ciphertext: new Uint8Array(Buffer.from(`\x00\x01${control}\xff`, "latin1")),
        wrappedDataKey: new Uint8Array(32),
        masterKeyVersion: 1,
        last4: "xxxx",
      },
    });
    const dump = await dumpDatabase();
    expect(leaks(dump, control).length).toBeGreaterThanOrEqual(2);
    expect(leaks(dump, control)).toContain("<raw bytea>");
    await db.prisma.organization.delete({ where: { id: organizationId } }); // cascades
    expect(leaks(await dumpDatabase(), control)).toEqual([]);
  }, 30_000);

  it("stores, rotates and reads back a canary secret without leaking it", async () => {
    const canary = `sk-canary-${randomToken(32)}`;
    const { logger, lines, text } = captureLogger("debug");

    const { keyring: devKeyring, hmacSecret } = await loadSecrets({ dataDir, masterKeys: undefined, apiKeyHmacSecret: undefined, logger });
    const organizationId = newId("org");
    await db.prisma.organization.create({ data: { id: organizationId, name: "Canary Org" } });
    const id = newId("pk");
    const context = { organizationId, recordId: id, providerId: "openai" };
    const enc = encryptSecret(devKeyring, context, canary);
    await db.prisma.providerKey.create({
      data: { id, organizationId, providerId: "openai", label: "canary", ciphertext: enc.ciphertext, wrappedDataKey: enc.wrappedDataKey, masterKeyVersion: enc.masterKeyVersion, last4: enc.last4 },
    });
    logger.info({ providerKeyId: id, last4: enc.last4 }, "Provider key stored");

    const v2 = generateMasterKey();
    const rotated = createKeyring([...devKeyring.keys, [2, v2]]);
    const result = await rewrapProviderKeys(db.prisma, rotated, logger, { batchSize: 1 });
    expect(result).toMatchObject({ rewrapped: 1, failed: 0 });

    const row = await db.prisma.providerKey.findUniqueOrThrow({ where: { id } });
    expect(row.masterKeyVersion).toBe(2);
    expect(decryptSecret(createKeyring([[2, v2]]), context, row)).toBe(canary); // it really is in there

    const dump = await dumpDatabase();
    expect(dump.rows.some((r) => r.includes(id))).toBe(true);
    expect(dump.bytes.length).toBeGreaterThanOrEqual(2);
    expect(leaks(dump, canary)).toEqual([]);
    expect(leaks(dump, canary.slice(10))).toEqual([]); // nor its random part alone

    expect(lines.length).toBeGreaterThan(2);
    const log = text();
    expect(log).toContain(id);
    for (const line of lines) {
      expect(line).not.toContain(canary);
      expect(line).not.toContain(canary.slice(10));
    }
    const keyMaterial = [...rotated.keys.values()].flatMap((k) => [k.toString("base64"), k.toString("hex")]);
    for (const material of [...keyMaterial, hmacSecret]) {
      expect(log).not.toContain(material);
      expect(leaks(dump, material)).toEqual([]);
    }
  }, 30_000);
});
