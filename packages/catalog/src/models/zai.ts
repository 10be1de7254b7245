// Z.AI's (Zhipu) GLM models.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const zaiModels: readonly ModelDefinition[] = [
  {
    id: "glm-4.6",
    name: "GLM-4.6",
    ownedBy: "zai-org",
    contextLength: 200_000,
    offerings: [
      {
        providerId: "zai",
        upstreamModel: "glm-4.6",
        prices: [{ effectiveFrom: "2025-09-30", inputPerMTok: "0.60", outputPerMTok: "2.20", cachedInputPerMTok: "0.11", source: PRICING.zai }],
      },
    ],
  },
  {
    id: "glm-4.5-air",
    name: "GLM-4.5-Air",
    ownedBy: "zai-org",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "zai",
        upstreamModel: "glm-4.5-air",
        prices: [{ effectiveFrom: "2025-07-28", inputPerMTok: "0.20", outputPerMTok: "1.10", cachedInputPerMTok: "0.03", source: PRICING.zai }], // unverified
      },
    ],
  },
  {
    id: "glm-4.5-flash",
    name: "GLM-4.5-Flash",
    ownedBy: "zai-org",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "zai",
        upstreamModel: "glm-4.5-flash",
        // Free on Z.AI; a BYOK markup is based on its paid sibling GLM-4.5-Air.
        prices: [{ effectiveFrom: "2025-07-28", inputPerMTok: "0", outputPerMTok: "0", source: PRICING.zai }],
        paidEquivalent: "glm-4.5-air",
      },
    ],
  },
  {
    id: "glm-5.1",
    name: "GLM-5.1",
    ownedBy: "zai-org",
    contextLength: 202_752,
    offerings: [
      {
        providerId: "zai",
        upstreamModel: "glm-5.1",
        // GLM-5.2 and GLM-5.3 list at $1.40/$4.40 on Z.AI; GLM-5.1's own rate was not found. // unverified
        prices: [{ effectiveFrom: "2026-04-01", inputPerMTok: "1.40", outputPerMTok: "4.40", source: PRICING.zai }],
      },
      {
        providerId: "chutes",
        upstreamModel: "zai-org/GLM-5.1-TEE",
        // From Chutes' public /v1/models roster, 2026-09-28. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "0.98", outputPerMTok: "3.08", cachedInputPerMTok: "0.098", source: PRICING.chutes }],
      },
      {
        providerId: "siliconflow",
        upstreamModel: "zai-org/GLM-5.1",
        // Read 2026-09-29. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-29", inputPerMTok: "1.19", outputPerMTok: "3.74", cachedInputPerMTok: "0.60", source: PRICING.siliconflow }],
      },
    ],
  },
  {
    id: "glm-5.3-flash",
    name: "GLM-5.3 Flash",
    ownedBy: "zai-org",
    offerings: [
      {
        providerId: "novita",
        upstreamModel: "zai-org/glm-5.3-flash",
        // From Novita's authenticated roster, 2026-09-05. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2026-09-05", inputPerMTok: "0.075", outputPerMTok: "0.25", cachedInputPerMTok: "0.015", source: PRICING.novita }],
      },
    ],
  },
];
