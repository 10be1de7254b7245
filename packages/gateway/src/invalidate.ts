// Applies an invalidation message to the gateway's in-process caches.
import type { Invalidation } from "@switchyard/runtime";
import type { Balances } from "./chat/balances.ts";
import type { CustomProviders } from "./chat/custom-providers.ts";
import type { OrgKeys } from "./chat/org-keys.ts";
import type { PriceOverrides } from "./chat/price-overrides.ts";
import type { KeyCache } from "./key-cache.ts";

export interface Caches {
  keys: KeyCache;
  orgKeys: OrgKeys;
  balances: Balances;
  customProviders: CustomProviders;
  prices: PriceOverrides;
  /** The organizations' web-search keys (web/search-keys.ts). */
  searchKeys?: { invalidate(organizationId: string): void };
}

export function applyInvalidation(caches: Caches, message: Invalidation): void {
  switch (message.type) {
    case "api-key":
      caches.keys.delete(message.id);
      return;
    case "project":
      for (const [id, key] of caches.keys.entries()) if (key.projectId === message.id) caches.keys.delete(id);
      return;
    case "balance":
      caches.balances.refresh(message.id);
      return;
    case "organization":
      caches.orgKeys.invalidate(message.id);
      caches.balances.invalidate(message.id);
      caches.customProviders.invalidate(message.id);
      caches.searchKeys?.invalidate(message.id);
      for (const [id, key] of caches.keys.entries()) if (key.organizationId === message.id) caches.keys.delete(id);
      return;
    case "prices":
      caches.prices.invalidate();
      return;
  }
}
