// GET /v1/models: OpenAI's list format; each model also lists its providers and whether the
// calling project can use it right now (an own key or credits, as its mode allows).
import type { H3Event } from "h3";
import { effectivePrice, modelKind, models, type Price } from "@switchyard/catalog";
import type { Balances } from "../chat/balances.ts";
import type { ProviderDirectory } from "@switchyard/providers";
import type { OrgKeys } from "../chat/org-keys.ts";
import type { PriceOverrides } from "../chat/price-overrides.ts";
import type { ResolvedKey } from "../key-cache.ts";

const CREATED = Math.floor(Date.UTC(2025, 0, 1) / 1000);

export function listModels(deps: { directory: ProviderDirectory; orgKeys: OrgKeys; balances: Balances; prices: PriceOverrides }) {
  return async (event: H3Event) => {
    const key = event.context.apiKey as ResolvedKey;
    const orgKeys = await deps.orgKeys.load(key.organizationId);
    const credits = key.projectMode !== "byok" && (await deps.balances.hasCredit(key.organizationId));
    const now = new Date();
    const overrides = await deps.prices.load();
    const data = models.map((model) => {
      const providers = model.offerings.flatMap((o) => {
        const entry = deps.directory.get(o.providerId);
        if (!entry) return [];
        const ownKey = key.projectMode !== "credits" && orgKeys.has(o.providerId);
        const viaCredits = credits && entry.houseKey !== undefined;
        const price = effectivePrice(o, model.id, overrides, now)?.price;
        return [{
          id: o.providerId,
          name: entry.definition.name,
          upstream_model: o.upstreamModel,
          available: ownKey || viaCredits,
          key_sources: [...(ownKey ? ["byok"] : []), ...(viaCredits ? ["credits"] : [])],
          pricing: price ? pricing(price) : null,
        }];
      });
      return {
        id: model.id,
        object: "model",
        created: CREATED,
        owned_by: model.ownedBy,
        name: model.name,
        kind: modelKind(model),
        context_length: model.contextLength ?? null,
        available: providers.some((p) => p.available),
        providers,
      };
    });
    return { object: "list", data };
  };
}

/** The price's fields in snake case; the unit prices (audio, images, characters, minutes, searches) only where set. */
function pricing(price: Price): Record<string, unknown> {
  return {
    input_per_mtok: price.inputPerMTok,
    output_per_mtok: price.outputPerMTok,
    cached_input_per_mtok: price.cachedInputPerMTok ?? null,
    per_request: price.perRequest ?? null,
    ...(price.audioInputPerMTok !== undefined ? { audio_input_per_mtok: price.audioInputPerMTok } : {}),
    ...(price.cachedAudioInputPerMTok !== undefined ? { cached_audio_input_per_mtok: price.cachedAudioInputPerMTok } : {}),
    ...(price.audioOutputPerMTok !== undefined ? { audio_output_per_mtok: price.audioOutputPerMTok } : {}),
    ...(price.imageInputPerMTok !== undefined ? { image_input_per_mtok: price.imageInputPerMTok } : {}),
    ...(price.imageOutputPerMTok !== undefined ? { image_output_per_mtok: price.imageOutputPerMTok } : {}),
    ...(price.perMCharacters !== undefined ? { per_million_characters: price.perMCharacters } : {}),
    ...(price.perMinute !== undefined ? { per_minute: price.perMinute } : {}),
    ...(price.perImage !== undefined ? { per_image: price.perImage } : {}),
    ...(price.perWebSearch !== undefined ? { per_web_search: price.perWebSearch } : {}),
    currency: "USD",
  };
}
