// Alibaba's Qwen models.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const qwenModels: readonly ModelDefinition[] = [
  {
    id: "qwen3-32b",
    name: "Qwen3 32B",
    ownedBy: "qwen",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "siliconflow",
        upstreamModel: "Qwen/Qwen3-32B",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.14", outputPerMTok: "0.57", source: PRICING.siliconflow }],
      },
      {
        providerId: "chutes",
        upstreamModel: "Qwen/Qwen3-32B-TEE",
        // From Chutes' public /v1/models roster, 2026-09-28 (40,960-token context there). // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "0.104", outputPerMTok: "0.416", cachedInputPerMTok: "0.0104", source: PRICING.chutes }],
      },
      {
        providerId: "gmicloud",
        upstreamModel: "Qwen/Qwen3-32B-FP8",
        prices: [{ effectiveFrom: "2025-06-01", inputPerMTok: "0.10", outputPerMTok: "0.60", source: PRICING.gmicloud }], // unverified
      },
    ],
  },
  {
    id: "qwen3.6-27b",
    name: "Qwen3.6 27B",
    ownedBy: "qwen",
    contextLength: 262_144,
    offerings: [
      {
        providerId: "siliconflow",
        upstreamModel: "Qwen/Qwen3.6-27B",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "0.30", outputPerMTok: "3.20", source: PRICING.siliconflow }],
      },
      {
        providerId: "chutes",
        upstreamModel: "Qwen/Qwen3.6-27B-TEE",
        // From Chutes' public /v1/models roster, 2026-09-28. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "0.30", outputPerMTok: "2.00", cachedInputPerMTok: "0.03", source: PRICING.chutes }],
      },
    ],
  },
];
