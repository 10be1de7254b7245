// The providers this gateway can reach: catalog definitions with the operator's base URL
// overrides and house keys, built once at start. An alias resolves to its provider's entry
// (entry.definition.id is the canonical id).
import { type ProviderDefinition, providers } from "@switchyard/catalog";

/** The operator's settings for one provider (SWITCHYARD_PROVIDER_<ID>_API_KEY / _BASE_URL). */
export interface OperatorProviderSettings {
  apiKey?: string;
  baseUrl?: string;
}

export interface ProviderEntry {
  definition: ProviderDefinition;
  baseUrl: string;
  /** The operator's key, paid from credits; undefined when none is configured. */
  houseKey: string | undefined;
  /** A tenant-supplied URL (custom provider): connect through the SSRF guard. */
  untrusted?: boolean;
}

export type ProviderDirectory = ReadonlyMap<string, ProviderEntry>;

/** Every provider under its id, and under each of its aliases (the same entry). */
export function buildDirectory(config: { providers: ReadonlyMap<string, OperatorProviderSettings> }): ProviderDirectory {
  return new Map(
    providers.flatMap((definition) => {
      const settings = config.providers.get(definition.id);
      const entry: ProviderEntry = { definition, baseUrl: settings?.baseUrl ?? definition.baseUrl, houseKey: settings?.apiKey };
      return [definition.id, ...(definition.aliases ?? [])].map((id) => [id, entry] as const);
    }),
  );
}
