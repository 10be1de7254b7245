// The organization's active provider keys, decrypted on demand and cached briefly in process
// so the hot path does not query the database per request. Secrets never leave memory.
import { loadingCache } from "../loading-cache.ts";
import type { Logger } from "@switchyard/core";
import type { PrismaClient } from "@switchyard/db";
import { decryptSecret, type Keyring } from "@switchyard/vault";

export const ORG_KEY_TTL_MS = 10_000;

export interface OrgKeys {
  /** Loads (or reuses) the organization's active model keys: provider id → secret. */
  load(organizationId: string): Promise<ReadonlyMap<string, string>>;
  /** Forget an organization's keys (after a key changes). */
  invalidate(organizationId: string): void;
}

export function createOrgKeys(deps: { prisma: PrismaClient; keyring: Keyring; logger: Logger }): OrgKeys {
  const cache = loadingCache<ReadonlyMap<string, string>>(ORG_KEY_TTL_MS, async (organizationId) => {
    const rows = await deps.prisma.providerKey.findMany({ where: { organizationId, status: "active", kind: "model" } });
      const keys = new Map<string, string>();
      for (const row of rows) {
        try {
          keys.set(row.providerId, decryptSecret(deps.keyring, { organizationId, recordId: row.id, providerId: row.providerId }, row));
        } catch (error) {
          deps.logger.error({ providerKeyId: row.id, err: (error as Error).message }, "could not decrypt a provider key");
        }
      }
      return keys;
  });
  return {
    load: async (organizationId) => (await cache.get(organizationId)) ?? new Map(),
    invalidate: (organizationId) => void cache.delete(organizationId),
  };
}
