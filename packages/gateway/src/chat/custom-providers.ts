// An organization's own OpenAI-compatible endpoints, addressed as `custom:<slug>/<model>`, for
// chat and every OpenAI HTTP endpoint besides it (embeddings, audio, images): the model is taken
// to be of the kind the endpoint asks for. Always paid with the organization's own key (provider
// id `custom:<slug>`), never priced by the catalog (only by a price override for the model), and
// reached only through the SSRF guard.
import { loadingCache } from "../loading-cache.ts";
import { defineCustomProvider, type ModelKind, type ModelOffering } from "@switchyard/catalog";
import { SwitchyardError } from "@switchyard/core";
import type { SqlDatabase } from "@switchyard/db";
import type { ProviderEntry } from "@switchyard/providers";
import type { Candidate } from "./resolve-model.ts";
import { customProvidersOf } from "../store.ts";

export const CUSTOM_PREFIX = "custom:";
const TTL_MS = 10_000;

export interface CustomProviders {
  get(organizationId: string, providerId: string): Promise<ProviderEntry | undefined>;
  invalidate(organizationId: string): void;
}

export function createCustomProviders(sql: SqlDatabase): CustomProviders {
  const cache = loadingCache<ReadonlyMap<string, ProviderEntry>>(TTL_MS, async (organizationId) => {
    const rows = await customProvidersOf(sql, organizationId);
    const entries = new Map<string, ProviderEntry>(
      rows.map((row) => {
        const id = `${CUSTOM_PREFIX}${row.slug}`;
        const definition = defineCustomProvider({ id, name: row.name, baseUrl: row.baseUrl });
        return [id, { definition, baseUrl: definition.baseUrl, houseKey: undefined, untrusted: true }];
      }),
    );
    return entries;
  });
  return {
    get: async (organizationId, providerId) => (await cache.get(organizationId))?.get(providerId),
    invalidate: (organizationId) => void cache.delete(organizationId),
  };
}

/** Any model id is accepted by a custom provider; it has no catalog price. */
export function customOffering(providerId: string, upstreamModel: string): ModelOffering {
  return { providerId, upstreamModel, prices: [] };
}

/** Candidates for a custom provider, or undefined when the request names none. `kind`: what the endpoint serves. */
export async function resolveCustom(
  custom: CustomProviders,
  organizationId: string,
  model: string,
  forced: string | undefined,
  kind: ModelKind = "chat",
): Promise<Candidate[] | undefined> {
  const slash = model.indexOf("/");
  const pinned = model.startsWith(CUSTOM_PREFIX) && slash > 0 ? model.slice(0, slash) : undefined;
  const providerId = pinned ?? (forced?.startsWith(CUSTOM_PREFIX) ? forced : undefined);
  if (!providerId) return undefined;
  if (pinned && forced !== undefined && forced !== pinned) {
    throw new SwitchyardError("invalid_request", `The model pins provider ${pinned} but the request forces ${forced}.`, { param: "model" });
  }
  const entry = await custom.get(organizationId, providerId);
  if (!entry) throw new SwitchyardError("unknown_provider", `Your organization has no custom provider "${providerId}".`, { param: "model" });
  const upstreamModel = pinned ? model.slice(slash + 1) : model;
  // Any OpenAI-compatible endpoint: the model is of the kind the endpoint asks for.
  return [{ entry, modelId: `${providerId}/${upstreamModel}`, kind, upstreamModel, offering: customOffering(providerId, upstreamModel) }];
}
