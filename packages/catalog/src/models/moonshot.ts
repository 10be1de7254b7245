// Moonshot AI's Kimi models. The original kimi-k2 ids (kimi-k2-0711-preview, -0905-preview,
// -turbo-preview, -thinking) were retired in 2026; kimi-k2.6 is the current general model.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const moonshotModels: readonly ModelDefinition[] = [
  {
    id: "kimi-k2.6",
    name: "Kimi K2.6",
    ownedBy: "moonshotai",
    contextLength: 262_144,
    offerings: [
      {
        providerId: "moonshot",
        upstreamModel: "kimi-k2.6",
        // Moonshot's published pay-as-you-go rate, as quoted by third-party docs; release day not confirmed. // unverified
        prices: [{ effectiveFrom: "2026-04-20", inputPerMTok: "0.95", outputPerMTok: "4.00", cachedInputPerMTok: "0.16", source: PRICING.moonshot }],
      },
      {
        providerId: "siliconflow",
        upstreamModel: "moonshotai/Kimi-K2.6",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.77", outputPerMTok: "3.40", cachedInputPerMTok: "0.14", source: PRICING.siliconflow }],
      },
      {
        providerId: "chutes",
        upstreamModel: "moonshotai/Kimi-K2.6-TEE",
        // From Chutes' public /v1/models roster, 2026-09-28. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "0.50", outputPerMTok: "2.85", cachedInputPerMTok: "0.05", source: PRICING.chutes }],
      },
    ],
  },
  {
    id: "kimi-k2.5",
    name: "Kimi K2.5",
    ownedBy: "moonshotai",
    contextLength: 262_144,
    offerings: [
      {
        providerId: "moonshot",
        upstreamModel: "kimi-k2.5",
        // Release day not confirmed. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-01-27", inputPerMTok: "0.60", outputPerMTok: "3.00", cachedInputPerMTok: "0.10", source: PRICING.moonshot }],
      },
      {
        providerId: "fireworks",
        upstreamModel: "accounts/fireworks/models/kimi-k2p5",
        prices: [{ effectiveFrom: "2026-01-27", inputPerMTok: "0.60", outputPerMTok: "3.00", source: PRICING.fireworks }], // unverified: effectiveFrom
      },
      {
        providerId: "siliconflow",
        upstreamModel: "moonshotai/Kimi-K2.5",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.45", outputPerMTok: "2.25", cachedInputPerMTok: "0.07", source: PRICING.siliconflow }],
      },
    ],
  },
];
