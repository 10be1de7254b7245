// The providers this gateway can reach: catalog definitions with the operator's base URL
// overrides and house keys, built once at start.
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

export function buildDirectory(config: { providers: ReadonlyMap<string, OperatorProviderSettings> }): ProviderDirectory {
  return new Map(
    providers.map((definition) => {
      const settings = config.providers.get(definition.id);
      return [definition.id, { definition, baseUrl: settings?.baseUrl ?? definition.baseUrl, houseKey: settings?.apiKey }];
    }),
  );
}
