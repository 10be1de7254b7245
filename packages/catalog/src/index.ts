// @switchyard/catalog: providers, models and dated prices as data, with lookups.
export type * from "./types.ts";
export { CUSTOM_PROVIDER_SUPPORTS, defineCustomProvider, defineOpenAICompatible, type OpenAICompatibleInput } from "./define.ts";
export { getProvider, providerIds, providers } from "./providers/index.ts";
export { findOffering, getModel, models } from "./models/index.ts";
export { modelKind } from "./kind.ts";
export { priceAt } from "./prices.ts";
export { jsonCredentials } from "./credentials.ts";
export { effectivePrice, OVERRIDE_SOURCE, overrideKey, priceBook, toPriceOverride, type EffectivePrice, type PriceBook, type PriceOverride } from "./overrides.ts";
export { searchPriceAt, searchPrices, searchProviderIds, type SearchDepth, type SearchPrice, type SearchProviderId } from "./search-prices.ts";
