// Versioned AES-256 master keys and the API key HMAC secret: from configuration when set,
// otherwise (development) from `<dataDir>/secrets.json`, generated on first use with mode 0600.
import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Logger, SwitchyardError, randomToken } from "@switchyard/core";

export const MASTER_KEY_BYTES = 32;
export const SECRETS_FILE = "secrets.json";

/** Master keys by version; `current` (the highest version) wraps every new data key. */
export interface Keyring {
  readonly keys: ReadonlyMap<number, Buffer>;
  readonly current: number;
}

export function createKeyring(keys: Iterable<readonly [number, Buffer]>): Keyring {
  const map = new Map<number, Buffer>();
  for (const [version, key] of keys) {
    if (!Number.isSafeInteger(version) || version < 0) throw new SwitchyardError("vault_error", `Invalid master key version ${String(version)}.`);
    if (key.length !== MASTER_KEY_BYTES) throw new SwitchyardError("vault_error", `Master key version ${version} must be ${MASTER_KEY_BYTES} bytes.`);
    if (map.has(version)) throw new SwitchyardError("vault_error", `Duplicate master key version ${version}.`);
    map.set(version, Buffer.from(key));
  }
  if (map.size === 0) throw new SwitchyardError("vault_error", "At least one master key is required.");
  return { keys: map, current: Math.max(...map.keys()) };
}

/** A fresh random 32-byte master key. */
export function generateMasterKey(): Buffer {
  return randomBytes(MASTER_KEY_BYTES);
}

export interface LoadSecretsOptions {
  dataDir: string;
  masterKeys: Map<number, Buffer> | undefined;
  apiKeyHmacSecret: string | undefined;
  logger: Logger;
}

export interface Secrets {
  keyring: Keyring;
  hmacSecret: string;
}

interface SecretsFile {
  masterKeys: Map<number, Buffer>;
  apiKeyHmacSecret: string;
}

const DEV_WARNING =
  "for development only: set SWITCHYARD_MASTER_KEYS and SWITCHYARD_API_KEY_HMAC_SECRET in production";

export async function loadSecrets(options: LoadSecretsOptions): Promise<Secrets> {
  const { dataDir, masterKeys, apiKeyHmacSecret, logger } = options;
  if (masterKeys && masterKeys.size > 0 && apiKeyHmacSecret) {
    return { keyring: createKeyring(masterKeys), hmacSecret: apiKeyHmacSecret };
  }
  const path = join(dataDir, SECRETS_FILE);
  const { file, created } = await readOrCreateSecretsFile(dataDir, path);
  const missing = [!masterKeys?.size && "SWITCHYARD_MASTER_KEYS", !apiKeyHmacSecret && "SWITCHYARD_API_KEY_HMAC_SECRET"].filter(Boolean);
  if (created) {
    logger.warn({ path, missing }, `Generated a development master key (version 1) and API key HMAC secret in ${path}; ${DEV_WARNING}`);
  } else {
    if (await tightenPermissions(path)) {
      logger.warn({ path }, `${path} was readable by group or others; permissions tightened to 0600`);
    }
    logger.warn({ path, missing }, `Using development secrets from ${path}; ${DEV_WARNING}`);
  }
  return {
    keyring: createKeyring(masterKeys && masterKeys.size > 0 ? masterKeys : file.masterKeys),
    hmacSecret: apiKeyHmacSecret || file.apiKeyHmacSecret,
  };
}

async function readOrCreateSecretsFile(dataDir: string, path: string): Promise<{ file: SecretsFile; created: boolean }> {
  const existing = await readSecretsFile(path);
  if (existing) return { file: existing, created: false };
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const generated: SecretsFile = {
    masterKeys: new Map([[1, generateMasterKey()]]),
    apiKeyHmacSecret: randomToken(48),
  };
  if (await writeExclusive(path, serialize(generated))) return { file: generated, created: true };
  // Another process created the file first: use its secrets.
  const raced = await readSecretsFile(path);
  if (!raced) throw new SwitchyardError("vault_error", `Could not read ${path}.`);
  return { file: raced, created: false };
}

async function readSecretsFile(path: string): Promise<SecretsFile | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new SwitchyardError("vault_error", `Could not read ${path}.`, { cause: error });
  }
  return parse(text, path);
}

/** Removes group and other access; true when the mode had to change. */
async function tightenPermissions(path: string): Promise<boolean> {
  if (process.platform === "win32") return false;
  const { mode } = await stat(path);
  if ((mode & 0o077) === 0) return false;
  await chmod(path, 0o600);
  return true;
}

/** Writes `content` to `path` only if it does not exist yet, atomically; false when it already did. */
async function writeExclusive(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${randomToken(12)}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: "wx" });
  try {
    await link(temp, path); // fails with EEXIST instead of replacing a concurrent writer's file
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") throw error;
    await rename(temp, path); // file systems without hard links
    return true;
  } finally {
    await unlink(temp).catch(() => {});
  }
}

function serialize(file: SecretsFile): string {
  const masterKeys = Object.fromEntries([...file.masterKeys].map(([v, k]) => [String(v), k.toString("base64")]));
  return `${JSON.stringify({ masterKeys, apiKeyHmacSecret: file.apiKeyHmacSecret }, null, 2)}\n`;
}

function parse(text: string, path: string): SecretsFile {
  // Never echo the file's contents: they are the keys.
  const invalid = () => new SwitchyardError("vault_error", `${path} is not a valid secrets file; restore it from a backup (deleting it makes existing provider keys undecryptable).`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid();
  }
  if (!isRecord(data) || !isRecord(data.masterKeys) || typeof data.apiKeyHmacSecret !== "string" || data.apiKeyHmacSecret.length < 32) {
    throw invalid();
  }
  const masterKeys = new Map<number, Buffer>();
  for (const [version, value] of Object.entries(data.masterKeys)) {
    if (!/^\d+$/.test(version) || typeof value !== "string") throw invalid();
    const key = Buffer.from(value, "base64");
    if (key.length !== MASTER_KEY_BYTES) throw invalid();
    masterKeys.set(Number(version), key);
  }
  if (masterKeys.size === 0) throw invalid();
  return { masterKeys, apiKeyHmacSecret: data.apiKeyHmacSecret };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
