// Meta's Llama models.
//
// Not offered: Groq's llama-3.3-70b-versatile (decommissioned 2026-08-16, per Groq's
// deprecations) and Cerebras' llama-3.3-70b (deprecated 2026-02-16, per Cerebras' deprecations
// page); both ids now fail upstream.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const metaLlamaModels: readonly ModelDefinition[] = [
  {
    id: "llama-3.3-70b",
    name: "Llama 3.3 70B Instruct",
    ownedBy: "meta-llama",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "together",
        upstreamModel: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.88", outputPerMTok: "0.88", source: PRICING.together }],
      },
      {
        providerId: "fireworks",
        upstreamModel: "accounts/fireworks/models/llama-v3p3-70b-instruct",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.90", outputPerMTok: "0.90", source: PRICING.fireworks }],
      },
      {
        providerId: "sambanova",
        upstreamModel: "Meta-Llama-3.3-70B-Instruct",
        // Price as catalogued 2026-08. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.60", outputPerMTok: "1.20", source: PRICING.sambanova }],
      },
      {
        providerId: "deepinfra",
        upstreamModel: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.10", outputPerMTok: "0.32", source: PRICING.deepinfra }], // unverified
      },
      {
        providerId: "novita",
        upstreamModel: "meta-llama/llama-3.3-70b-instruct",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.135", outputPerMTok: "0.40", source: PRICING.novita }], // unverified
      },
      {
        providerId: "meganova",
        upstreamModel: "meta-llama/Llama-3.3-70B-Instruct",
        // As listed by models.dev (via Mastra's provider page); the day it took effect is not known. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2025-11-01", inputPerMTok: "0.10", outputPerMTok: "0.30", source: PRICING.meganova }],
      },
      {
        providerId: "hyperbolic",
        upstreamModel: "meta-llama/Llama-3.3-70B-Instruct",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.40", outputPerMTok: "0.40", source: PRICING.hyperbolic }], // unverified
      },
      {
        providerId: "akash",
        upstreamModel: "meta-llama/Llama-3.3-70B-Instruct",
        // The id is from AkashML's docs; no published price was found. // unverified
        prices: [{ effectiveFrom: "2025-11-01", inputPerMTok: "0.13", outputPerMTok: "0.40", source: PRICING.akash }],
      },
      {
        providerId: "openrouter",
        upstreamModel: "meta-llama/llama-3.3-70b-instruct",
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0.10", outputPerMTok: "0.32", source: "https://openrouter.ai/meta-llama/llama-3.3-70b-instruct" }], // unverified
      },
      {
        providerId: "nvidia",
        upstreamModel: "meta/llama-3.3-70b-instruct",
        // Free on the NIM developer tier (rate-limited).
        prices: [{ effectiveFrom: "2024-12-06", inputPerMTok: "0", outputPerMTok: "0", source: "https://build.nvidia.com/meta/llama-3_3-70b-instruct" }],
        paidEquivalent: "llama-3.3-70b",
      },
      {
        providerId: "morpheus",
        upstreamModel: "llama-3.3-70b",
        // No per-token charge is published for the hosted Morpheus API. // unverified
        prices: [{ effectiveFrom: "2025-06-01", inputPerMTok: "0", outputPerMTok: "0", source: PRICING.morpheus }],
        paidEquivalent: "llama-3.3-70b",
      },
      {
        providerId: "aws",
        // Bedrock serves Llama 3.3 on demand through the US cross-region inference profile.
        upstreamModel: "us.meta.llama3-3-70b-instruct-v1:0",
        prices: [{ effectiveFrom: "2024-12-19", inputPerMTok: "0.72", outputPerMTok: "0.72", source: "https://aws.amazon.com/bedrock/pricing/" }], // unverified
      },
    ],
  },
];
