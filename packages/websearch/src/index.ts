export type {
  Recency,
  SearchFailure,
  SearchFailureKind,
  SearchOutcome,
  SearchProvider,
  SearchProviderId,
  SearchRequest,
  SearchResult,
  SearchTarget,
} from "./types.ts";
export { getSearchProvider, searchProviders } from "./registry.ts";
