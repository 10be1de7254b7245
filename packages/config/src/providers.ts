// Operator settings per upstream provider: SWITCHYARD_PROVIDER_<ID>_API_KEY (the house key paid
// from credits) and SWITCHYARD_PROVIDER_<ID>_BASE_URL (a proxy or a test double). <ID> is the
// provider id in upper case with - as _, e.g. SWITCHYARD_PROVIDER_OPENROUTER_API_KEY.
import { providerIds } from "@switchyard/catalog";

export interface ProviderSettings {
  apiKey?: string;
  baseUrl?: string;
}

const VAR = /^SWITCHYARD_PROVIDER_([A-Z0-9_]+)_(API_KEY|BASE_URL)$/;

export function envName(providerId: string, suffix: "API_KEY" | "BASE_URL"): string {
  return `SWITCHYARD_PROVIDER_${providerId.toUpperCase().replace(/-/g, "_")}_${suffix}`;
}

export function parseProviderSettings(env: Record<string, string | undefined>): { settings: Map<string, ProviderSettings>; issues: string[] } {
  const byEnvId = new Map(providerIds.map((id) => [id.toUpperCase().replace(/-/g, "_"), id]));
  const settings = new Map<string, ProviderSettings>();
  const issues: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    const match = VAR.exec(name);
    if (!match || value === undefined || value === "") continue;
    const id = byEnvId.get(match[1]!);
    if (!id) {
      issues.push(`  ${name}: unknown provider "${match[1]!.toLowerCase()}" (known: ${providerIds.join(", ")})`);
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
