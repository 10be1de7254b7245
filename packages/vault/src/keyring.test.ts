import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SwitchyardError } from "@switchyard/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createKeyring, generateMasterKey, loadSecrets } from "./keyring.ts";
import { captureLogger } from "./test-support.ts";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "switchyard-vault-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const posix = process.platform !== "win32";

describe("createKeyring", () => {
  it("uses the highest version as current", () => {
    const keyring = createKeyring([[1, generateMasterKey()], [3, generateMasterKey()], [2, generateMasterKey()]]);
    expect(keyring.current).toBe(3);
    expect([...keyring.keys.keys()].sort()).toEqual([1, 2, 3]);
  });

  it("rejects keys of the wrong length, duplicate versions and an empty set", () => {
    expect(() => createKeyring([[1, Buffer.alloc(16)]])).toThrow(SwitchyardError);
    expect(() => createKeyring([[1, generateMasterKey()], [1, generateMasterKey()]])).toThrow(/Duplicate/);
    expect(() => createKeyring([])).toThrow(/At least one/);
  });

  it("copies the keys, so later changes to the input map do not leak in", () => {
    const key = generateMasterKey();
    const input = new Map([[1, key]]);
    const keyring = createKeyring(input);
    input.set(2, generateMasterKey());
    key.fill(0);
    expect(keyring.current).toBe(1);
    expect(keyring.keys.get(1)!.equals(Buffer.alloc(32))).toBe(false);
  });
});

describe("loadSecrets", () => {
  it("uses configured values and touches no file", async () => {
    const { logger, lines } = captureLogger();
    const key = generateMasterKey();
    const secrets = await loadSecrets({ dataDir: root, masterKeys: new Map([[4, key]]), apiKeyHmacSecret: "h".repeat(32), logger });
    expect(secrets.keyring.current).toBe(4);
    expect(secrets.keyring.keys.get(4)!.equals(key)).toBe(true);
    expect(secrets.hmacSecret).toBe("h".repeat(32));
    await expect(stat(join(root, "secrets.json"))).rejects.toMatchObject({ code: "ENOENT" });
    expect(lines).toEqual([]);
  });

  it("generates secrets.json with mode 0600 on first use, warns without key material, and reuses it", async () => {
    const dataDir = join(root, "nested", "data");
    const first = captureLogger();
    const a = await loadSecrets({ dataDir, masterKeys: undefined, apiKeyHmacSecret: undefined, logger: first.logger });
    const path = join(dataDir, "secrets.json");
    if (posix) expect((await stat(path)).mode & 0o777).toBe(0o600);

    expect(a.keyring.current).toBe(1);
    const key = a.keyring.keys.get(1)!;
    expect(key.length).toBe(32);
    expect(a.hmacSecret.length).toBeGreaterThanOrEqual(32);
    const file = JSON.parse(await readFile(path, "utf8")) as { masterKeys: Record<string, string>; apiKeyHmacSecret: string };
    expect(Buffer.from(file.masterKeys["1"]!, "base64").equals(key)).toBe(true);
    expect(file.apiKeyHmacSecret).toBe(a.hmacSecret);

    const log = first.text();
    expect(first.lines).toHaveLength(1);
    expect(JSON.parse(first.lines[0]!)).toMatchObject({ level: "warn" });
    expect(log).toMatch(/development only/);
    expect(log).toContain("SWITCHYARD_MASTER_KEYS");
    expect(log).toContain("SWITCHYARD_API_KEY_HMAC_SECRET");
    for (const material of [key.toString("base64"), key.toString("hex"), a.hmacSecret]) expect(log).not.toContain(material);

    const second = captureLogger();
    const b = await loadSecrets({ dataDir, masterKeys: undefined, apiKeyHmacSecret: undefined, logger: second.logger });
    expect(b.keyring.keys.get(1)!.equals(key)).toBe(true);
    expect(b.hmacSecret).toBe(a.hmacSecret);
    expect(second.text()).toMatch(/development only/);
    expect(second.text()).not.toContain(key.toString("base64"));
    expect(second.text()).not.toContain(a.hmacSecret);
  });

  it("creates one file when several processes start at once", async () => {
    const { logger } = captureLogger();
    const all = await Promise.all(
      Array.from({ length: 8 }, () => loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: undefined, logger })),
    );
    const key = all[0]!.keyring.keys.get(1)!;
    for (const s of all) {
      expect(s.keyring.keys.get(1)!.equals(key)).toBe(true);
      expect(s.hmacSecret).toBe(all[0]!.hmacSecret);
    }
  });

  it.runIf(posix)("tightens a group/other-readable secrets file to 0600 and warns", async () => {
    const { logger } = captureLogger();
    await loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: undefined, logger });
    const path = join(root, "secrets.json");
    await chmod(path, 0o644);
    const second = captureLogger();
    await loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: undefined, logger: second.logger });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(second.text()).toMatch(/tightened to 0600/);
  });

  it("lets configured values win over the file, each on its own", async () => {
    const { logger } = captureLogger();
    const fromFile = await loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: undefined, logger });
    const configured = generateMasterKey();
    const mixed = await loadSecrets({ dataDir: root, masterKeys: new Map([[7, configured]]), apiKeyHmacSecret: undefined, logger });
    expect(mixed.keyring.current).toBe(7);
    expect([...mixed.keyring.keys.keys()]).toEqual([7]);
    expect(mixed.hmacSecret).toBe(fromFile.hmacSecret);
    const other = await loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: "x".repeat(40), logger });
    expect(other.hmacSecret).toBe("x".repeat(40));
    expect(other.keyring.keys.get(1)!.equals(fromFile.keyring.keys.get(1)!)).toBe(true);
  });

  it("refuses a corrupt secrets file without overwriting it or echoing its contents", async () => {
    const path = join(root, "secrets.json");
    const content = JSON.stringify({ masterKeys: { "1": "c2hvcnQta2V5LW1hdGVyaWFs" }, apiKeyHmacSecret: "leaky-hmac-secret-value-0123456789abcdef" });
    await writeFile(path, content, { mode: 0o600 });
    const { logger } = captureLogger();
    const error = await loadSecrets({ dataDir: root, masterKeys: undefined, apiKeyHmacSecret: undefined, logger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect((error as SwitchyardError).code).toBe("vault_error");
    expect((error as SwitchyardError).message).not.toContain("c2hvcnQta2V5LW1hdGVyaWFs");
    expect((error as SwitchyardError).message).not.toContain("leaky-hmac");
    expect(await readFile(path, "utf8")).toBe(content);
  });
});
