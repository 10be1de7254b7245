// What a provider key can be for: a catalog model provider or a web-search provider.
import { getProvider, providers, type CredentialField } from "@switchyard/catalog";
import type { ProviderKeyKind } from "@switchyard/db";
import { getSearchProvider, searchProviders } from "@switchyard/websearch";

export interface KeyTarget {
  id: string;
  name: string;
  kind: ProviderKeyKind;
  docsUrl: string;
  credentialFields: readonly CredentialField[] | undefined;
  customBaseUrl: boolean;
  supports: { chat: boolean; embeddings: boolean; speech: boolean; transcription: boolean; images: boolean; realtime: boolean; webSearch: boolean };
}

function modelTarget(id: string): KeyTarget | undefined {
  const p = getProvider(id);
  if (!p) return undefined;
  return {
    id: p.id,
    name: p.name,
    kind: "model",
    docsUrl: p.docsUrl,
    credentialFields: p.credentials === "json" ? p.credentialFields : undefined,
    customBaseUrl: p.customBaseUrl,
    supports: { chat: true, embeddings: p.supports?.embeddings ?? false, speech: p.supports?.speech ?? false, transcription: p.supports?.transcription ?? false, images: p.supports?.images ?? false, realtime: p.supports?.realtime ?? false, webSearch: false },
  };
}

function searchTarget(id: string): KeyTarget | undefined {
  const p = getSearchProvider(id);
  if (!p) return undefined;
  return {
    id: p.id,
    name: p.name,
    kind: "web_search",
    docsUrl: p.docsUrl,
    credentialFields: undefined,
    customBaseUrl: false,
    supports: { chat: false, embeddings: false, speech: false, transcription: false, images: false, realtime: false, webSearch: true },
  };
}

export function keyTarget(kind: ProviderKeyKind, id: string): KeyTarget | undefined {
  return kind === "model" ? modelTarget(id) : searchTarget(id);
}

export function keyTargets(kind: ProviderKeyKind): KeyTarget[] {
  const ids = kind === "model" ? providers.map((p) => p.id) : searchProviders.map((p) => p.id);
  return ids.map((id) => keyTarget(kind, id)!);
}
