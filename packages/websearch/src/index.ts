export type {
  ExaMode,
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
export { exaModes } from "./exa.ts";
export { getSearchProvider, searchProviders } from "./registry.ts";
