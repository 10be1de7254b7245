// The web-search providers this gateway can reach, in the documented order (tavily, exa, kagi,
// perplexity): each adapter with the operator's base URL override and house key
// (SWITCHYARD_WEBSEARCH_<ID>_BASE_URL / _API_KEY), built once at start.
import { searchProviderIds } from "@switchyard/catalog";
import { getSearchProvider, type SearchProvider } from "@switchyard/websearch";

export interface SearchEntry {
  provider: SearchProvider;
  baseUrl: string;
  /** The operator's key, paid from credits; undefined when none is configured. */
  houseKey: string | undefined;
}

export type SearchDirectory = readonly SearchEntry[];

export function buildSearchDirectory(settings: ReadonlyMap<string, { apiKey?: string; baseUrl?: string }>): SearchDirectory {
  return searchProviderIds.map((id) => {
    const provider = getSearchProvider(id);
    if (!provider) throw new Error(`The catalog prices web-search provider "${id}", which @switchyard/websearch does not have`);
    const s = settings.get(id);
    return { provider, baseUrl: s?.baseUrl ?? provider.defaultBaseUrl, houseKey: s?.apiKey };
  });
}
