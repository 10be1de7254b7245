// DeepSeek's models.
//
// Not offered: deepseek-chat and deepseek-reasoner. DeepSeek turned them into aliases of
// deepseek-v4-flash (non-thinking / thinking) when V4 launched and announced they stop being
// accepted after 2026-07-24. A third-party page (2026-10) reports newer peak/off-peak V4 prices
// and a "deepseek-flash" id; not confirmed on DeepSeek's own page, so not modelled. // unverified
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const deepseekModels: readonly ModelDefinition[] = [
  {
    id: "deepseek-v4-flash",
    name: "DeepSeek V4 Flash",
    ownedBy: "deepseek",
    contextLength: 1_048_576,
    offerings: [
      {
        providerId: "deepseek",
        upstreamModel: "deepseek-v4-flash",
        prices: [
          // Launch day not confirmed; the cache-hit price was cut to 1/10 from 2026-04-26 12:15 UTC. // unverified: launch date
          { effectiveFrom: "2026-04-24", inputPerMTok: "0.14", outputPerMTok: "0.28", cachedInputPerMTok: "0.028", source: PRICING.deepseek },
          { effectiveFrom: "2026-04-26", inputPerMTok: "0.14", outputPerMTok: "0.28", cachedInputPerMTok: "0.0028", source: PRICING.deepseek },
        ],
      },
      {
        providerId: "siliconflow",
        upstreamModel: "deepseek-ai/DeepSeek-V4-Flash",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.13", outputPerMTok: "0.28", cachedInputPerMTok: "0.028", source: PRICING.siliconflow }],
      },
      {
        providerId: "nvidia",
        upstreamModel: "deepseek-ai/deepseek-v4-flash",
        prices: [{ effectiveFrom: "2026-04-24", inputPerMTok: "0", outputPerMTok: "0", source: "https://build.nvidia.com/deepseek-ai/deepseek-v4-flash" }],
        paidEquivalent: "deepseek-v4-flash",
      },
    ],
  },
  {
    id: "deepseek-v4-pro",
    name: "DeepSeek V4 Pro",
    ownedBy: "deepseek",
    contextLength: 1_048_576,
    offerings: [
      {
        providerId: "deepseek",
        upstreamModel: "deepseek-v4-pro",
        // The launch 75% discount (list $1.74/$3.48, cache hit $0.0145) was made permanent in 2026-05.
        prices: [{ effectiveFrom: "2026-04-26", inputPerMTok: "0.435", outputPerMTok: "0.87", cachedInputPerMTok: "0.003625", source: PRICING.deepseek }],
      },
      {
        providerId: "siliconflow",
        upstreamModel: "deepseek-ai/DeepSeek-V4-Pro",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "1.50162", outputPerMTok: "3.135", cachedInputPerMTok: "0.135", source: PRICING.siliconflow }],
      },
    ],
  },
  {
    id: "deepseek-v3.2",
    name: "DeepSeek V3.2",
    ownedBy: "deepseek",
    contextLength: 163_840,
    offerings: [
      {
        providerId: "siliconflow",
        upstreamModel: "deepseek-ai/DeepSeek-V3.2",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.27", outputPerMTok: "0.42", cachedInputPerMTok: "0.135", source: PRICING.siliconflow }],
      },
      {
        providerId: "meganova",
        upstreamModel: "deepseek-ai/DeepSeek-V3.2",
        prices: [{ effectiveFrom: "2025-12-01", inputPerMTok: "0.26", outputPerMTok: "0.38", source: PRICING.meganova }], // unverified
      },
      {
        providerId: "fireworks",
        upstreamModel: "accounts/fireworks/models/deepseek-v3p2",
        prices: [{ effectiveFrom: "2025-12-01", inputPerMTok: "0.56", outputPerMTok: "1.68", source: PRICING.fireworks }], // unverified: effectiveFrom
      },
      {
        providerId: "chutes",
        upstreamModel: "deepseek-ai/DeepSeek-V3.2-TEE",
        // From Chutes' public /v1/models roster, 2026-09-28. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "1.00", outputPerMTok: "1.00", cachedInputPerMTok: "0.10", source: PRICING.chutes }],
      },
      {
        providerId: "gmicloud",
        upstreamModel: "deepseek-ai/DeepSeek-V3.2",
        // The id is from GMI Cloud's own example; no published price was found. // unverified
        prices: [{ effectiveFrom: "2025-12-01", inputPerMTok: "0.28", outputPerMTok: "0.40", source: PRICING.gmicloud }],
      },
      {
        providerId: "sambanova",
        upstreamModel: "DeepSeek-V3.2",
        // Vendor preview (32K context); price as catalogued 2026-08. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-08-27", inputPerMTok: "3.00", outputPerMTok: "4.50", source: PRICING.sambanova }],
      },
    ],
  },
];
