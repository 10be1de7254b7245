// The organization's active provider keys, decrypted on demand and cached briefly in process
// so the hot path does not query the database per request. Secrets never leave memory.
import { loadingCache } from "../loading-cache.ts";
import type { Logger } from "@switchyard/core";
import type { SqlDatabase } from "@switchyard/db";
import { getProvider } from "@switchyard/catalog";
import { withVersionPath } from "@switchyard/providers";
import { decryptSecret, type Keyring } from "@switchyard/vault";
import { activeProviderKeys } from "../store.ts";

export const ORG_KEY_TTL_MS = 10_000;

/** An organization's active key for one provider. */
export interface OrgKey {
  secret: string;
  /** The key's own base URL (a proxy root plus the provider's version path), if it has one. */
  baseUrl?: string;
}

export interface OrgKeys {
  /** Loads (or reuses) the organization's active model keys by provider id. */
  load(organizationId: string): Promise<ReadonlyMap<string, OrgKey>>;
  /** Forget an organization's keys (after a key changes). */
  invalidate(organizationId: string): void;
}

export function createOrgKeys(deps: { sql: SqlDatabase; keyring: Keyring; logger: Logger }): OrgKeys {
  const cache = loadingCache<ReadonlyMap<string, OrgKey>>(ORG_KEY_TTL_MS, async (organizationId) => {
    const rows = await activeProviderKeys(deps.sql, organizationId, "model");
      const keys = new Map<string, OrgKey>();
      for (const row of rows) {
        try {
          const secret = decryptSecret(deps.keyring, { organizationId, recordId: row.id, providerId: row.providerId }, row);
          const root = (row.config as { baseUrl?: unknown } | null)?.baseUrl;
          const provider = getProvider(row.providerId);
          keys.set(row.providerId, typeof root === "string" && provider ? { secret, baseUrl: withVersionPath(root, provider.baseUrl) } : { secret });
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
