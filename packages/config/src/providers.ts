// Operator settings per upstream provider: SWITCHYARD_PROVIDER_<ID>_API_KEY (the house key paid
// from credits) and SWITCHYARD_PROVIDER_<ID>_BASE_URL (a proxy or a test double). <ID> is the
// provider id in upper case with - as _, e.g. SWITCHYARD_PROVIDER_OPENROUTER_API_KEY.
// Web-search providers have the same pair under SWITCHYARD_WEBSEARCH_<ID>_…
import { providerIds, searchProviderIds } from "@switchyard/catalog";

export interface ProviderSettings {
  apiKey?: string;
  baseUrl?: string;
}

type Family = "PROVIDER" | "WEBSEARCH";

const FAMILIES: Record<Family, { ids: readonly string[]; what: string }> = {
  PROVIDER: { ids: providerIds, what: "provider" },
  WEBSEARCH: { ids: searchProviderIds, what: "web-search provider" },
};

export function envName(providerId: string, suffix: "API_KEY" | "BASE_URL", family: Family = "PROVIDER"): string {
  return `SWITCHYARD_${family}_${providerId.toUpperCase().replace(/-/g, "_")}_${suffix}`;
}

function parseFamily(family: Family, env: Record<string, string | undefined>): { settings: Map<string, ProviderSettings>; issues: string[] } {
  const { ids, what } = FAMILIES[family];
  const pattern = new RegExp(`^SWITCHYARD_${family}_([A-Z0-9_]+)_(API_KEY|BASE_URL)$`);
  const byEnvId = new Map(ids.map((id) => [id.toUpperCase().replace(/-/g, "_"), id]));
  const settings = new Map<string, ProviderSettings>();
  const issues: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = pattern.exec(name);
    if (!match || value === undefined || value === "") continue;
    const id = byEnvId.get(match[1]!);
    if (!id) {
      issues.push(`  ${name}: unknown ${what} "${match[1]!.toLowerCase()}" (known: ${ids.join(", ")})`);
      continue;
    }
    const entry = settings.get(id) ?? {};
    if (match[2] === "API_KEY") entry.apiKey = value;
    else if (/^https?:\/\/[^\s]+$/.test(value)) entry.baseUrl = value.replace(/\/+$/, "");
    else issues.push(`  ${name}: expected an http(s) URL`);
    settings.set(id, entry);
  }
  return { settings, issues };
}

export function parseProviderSettings(env: Record<string, string | undefined>): { settings: Map<string, ProviderSettings>; issues: string[] } {
  return parseFamily("PROVIDER", env);
}

/** SWITCHYARD_WEBSEARCH_<ID>_API_KEY / _BASE_URL, for the web-search providers (tavily, exa, kagi, perplexity). */
export function parseWebSearchSettings(env: Record<string, string | undefined>): { settings: Map<string, ProviderSettings>; issues: string[] } {
  return parseFamily("WEBSEARCH", env);
}
