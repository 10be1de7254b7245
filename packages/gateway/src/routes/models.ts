// GET /v1/models: OpenAI's list format; each model also lists its providers and whether the
// calling project can use it right now (an own key or credits, as its mode allows).
import type { H3Event } from "h3";
import { effectivePrice, models } from "@switchyard/catalog";
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
          pricing: price ? { input_per_mtok: price.inputPerMTok, output_per_mtok: price.outputPerMTok, cached_input_per_mtok: price.cachedInputPerMTok ?? null, per_request: price.perRequest ?? null, currency: "USD" } : null,
        }];
      });
      return {
        id: model.id,
        object: "model",
        created: CREATED,
        owned_by: model.ownedBy,
        name: model.name,
        context_length: model.contextLength ?? null,
        available: providers.some((p) => p.available),
        providers,
      };
    });
    return { object: "list", data };
  };
}
