// Every web-search provider, by id.
import { exa } from "./exa.ts";
import { kagi } from "./kagi.ts";
import { perplexity } from "./perplexity.ts";
import { tavily } from "./tavily.ts";
import type { SearchProvider } from "./types.ts";

export const searchProviders: readonly SearchProvider[] = [tavily, exa, kagi, perplexity];

export function getSearchProvider(id: string): SearchProvider | undefined {
  return searchProviders.find((provider) => provider.id === id);
}
