// The organization's active web-search keys (ProviderKey kind web_search), decrypted on demand
// and cached briefly in process like the model keys (chat/org-keys.ts), and dropped on the same
// `organization` invalidation. Secrets never leave memory and are never logged.
import type { Logger } from "@switchyard/core";
import type { SqlDatabase } from "@switchyard/db";
import { decryptSecret, type Keyring } from "@switchyard/vault";
import { loadingCache } from "../loading-cache.ts";
import { activeProviderKeys } from "../store.ts";

export const SEARCH_KEY_TTL_MS = 10_000;

export interface SearchKeys {
  /** The organization's active web-search secrets by provider id. */
  load(organizationId: string): Promise<ReadonlyMap<string, string>>;
  invalidate(organizationId: string): void;
}

export function createSearchKeys(deps: { sql: SqlDatabase; keyring: Keyring; logger: Logger }): SearchKeys {
  const cache = loadingCache<ReadonlyMap<string, string>>(SEARCH_KEY_TTL_MS, async (organizationId) => {
    const rows = await activeProviderKeys(deps.sql, organizationId, "web_search");
    const keys = new Map<string, string>();
    for (const row of rows) {
      try {
        keys.set(row.providerId, decryptSecret(deps.keyring, { organizationId, recordId: row.id, providerId: row.providerId }, row));
      } catch (error) {
        deps.logger.error({ providerKeyId: row.id, err: (error as Error).message }, "could not decrypt a web-search key");
      }
    }
    return keys;
  });
  return {
    load: async (organizationId) => (await cache.get(organizationId)) ?? new Map(),
    invalidate: (organizationId) => void cache.delete(organizationId),
  };
}
