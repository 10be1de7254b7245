// OpenAI's models: the hosted GPT line and the open-weight gpt-oss models served by many hosts.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

// `openai-responses` offerings are OpenAI itself through the Responses API: OpenAI's prices.
// `azure` / `azure-responses` offerings are priced at Azure's Global Standard deployment rates,
// which equal OpenAI's list prices; Data Zone and Regional deployments cost more (an operator
// with those sets a price override). Read from summaries of Azure's script-rendered pricing
// page; the day each took effect is not known. // unverified: effectiveFrom
export const openaiModels: readonly ModelDefinition[] = [
  {
    id: "gpt-4o-mini",
    name: "GPT-4o mini",
    ownedBy: "openai",
    contextLength: 128_000,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: "gpt-4o-mini",
        prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: PRICING.openai }],
      },
      {
        providerId: "openrouter",
        upstreamModel: "openai/gpt-4o-mini",
        prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: "https://openrouter.ai/openai/gpt-4o-mini" }],
      },
      {
        providerId: "vercel",
        upstreamModel: "openai/gpt-4o-mini",
        // Input price confirmed on the model page; output and cached assumed at OpenAI's list price. // unverified
        prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: "https://vercel.com/ai-gateway/models/gpt-4o-mini" }],
      },
      { providerId: "openai-responses", upstreamModel: "gpt-4o-mini", prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "gpt-4o-mini", prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: PRICING.azure }] },
      { providerId: "azure-responses", upstreamModel: "gpt-4o-mini", prices: [{ effectiveFrom: "2024-07-18", inputPerMTok: "0.15", outputPerMTok: "0.60", cachedInputPerMTok: "0.075", source: PRICING.azure }] },
    ],
  },
  {
    id: "gpt-4.1-mini",
    name: "GPT-4.1 mini",
    ownedBy: "openai",
    contextLength: 1_047_576,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: "gpt-4.1-mini",
        prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: PRICING.openai }],
      },
      {
        providerId: "openrouter",
        upstreamModel: "openai/gpt-4.1-mini",
        prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: "https://openrouter.ai/openai/gpt-4.1-mini" }],
      },
      {
        providerId: "vercel",
        upstreamModel: "openai/gpt-4.1-mini",
        // Assumed at OpenAI's list price (Vercel passes provider prices through). // unverified
        prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: "https://vercel.com/ai-gateway/models/gpt-4.1-mini" }],
      },
      { providerId: "openai-responses", upstreamModel: "gpt-4.1-mini", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "gpt-4.1-mini", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: PRICING.azure }] },
      { providerId: "azure-responses", upstreamModel: "gpt-4.1-mini", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "0.40", outputPerMTok: "1.60", cachedInputPerMTok: "0.10", source: PRICING.azure }] },
    ],
  },
  {
    id: "gpt-4o",
    name: "GPT-4o",
    ownedBy: "openai",
    contextLength: 128_000,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: "gpt-4o",
        prices: [
          // gpt-4o pointed at gpt-4o-2024-05-13 until 2024-10-02, then at the cheaper 2024-08-06
          // snapshot; prompt caching started 2024-10-01. // unverified: switch-over day
          { effectiveFrom: "2024-05-13", inputPerMTok: "5.00", outputPerMTok: "15.00", source: PRICING.openai },
          { effectiveFrom: "2024-10-02", inputPerMTok: "2.50", outputPerMTok: "10.00", cachedInputPerMTok: "1.25", source: PRICING.openai },
        ],
      },
      {
        providerId: "openrouter",
        upstreamModel: "openai/gpt-4o",
        prices: [{ effectiveFrom: "2024-10-02", inputPerMTok: "2.50", outputPerMTok: "10.00", cachedInputPerMTok: "1.25", source: "https://openrouter.ai/openai/gpt-4o" }],
      },
      { providerId: "openai-responses", upstreamModel: "gpt-4o", prices: [{ effectiveFrom: "2024-10-02", inputPerMTok: "2.50", outputPerMTok: "10.00", cachedInputPerMTok: "1.25", source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "gpt-4o", prices: [{ effectiveFrom: "2024-10-02", inputPerMTok: "2.50", outputPerMTok: "10.00", cachedInputPerMTok: "1.25", source: PRICING.azure }] },
      { providerId: "azure-responses", upstreamModel: "gpt-4o", prices: [{ effectiveFrom: "2024-10-02", inputPerMTok: "2.50", outputPerMTok: "10.00", cachedInputPerMTok: "1.25", source: PRICING.azure }] },
    ],
  },
  {
    id: "gpt-4.1",
    name: "GPT-4.1",
    ownedBy: "openai",
    contextLength: 1_047_576,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: "gpt-4.1",
        prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "2.00", outputPerMTok: "8.00", cachedInputPerMTok: "0.50", source: PRICING.openai }],
      },
      {
        providerId: "openrouter",
        upstreamModel: "openai/gpt-4.1",
        prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "2.00", outputPerMTok: "8.00", cachedInputPerMTok: "0.50", source: "https://openrouter.ai/openai/gpt-4.1" }],
      },
      { providerId: "openai-responses", upstreamModel: "gpt-4.1", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "2.00", outputPerMTok: "8.00", cachedInputPerMTok: "0.50", source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "gpt-4.1", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "2.00", outputPerMTok: "8.00", cachedInputPerMTok: "0.50", source: PRICING.azure }] },
      { providerId: "azure-responses", upstreamModel: "gpt-4.1", prices: [{ effectiveFrom: "2025-04-14", inputPerMTok: "2.00", outputPerMTok: "8.00", cachedInputPerMTok: "0.50", source: PRICING.azure }] },
    ],
  },
  {
    id: "o4-mini",
    name: "o4-mini",
    ownedBy: "openai",
    contextLength: 200_000,
    offerings: [
      {
        providerId: "openai",
        upstreamModel: "o4-mini",
        prices: [{ effectiveFrom: "2025-04-16", inputPerMTok: "1.10", outputPerMTok: "4.40", cachedInputPerMTok: "0.275", source: PRICING.openai }],
      },
      { providerId: "openai-responses", upstreamModel: "o4-mini", prices: [{ effectiveFrom: "2025-04-16", inputPerMTok: "1.10", outputPerMTok: "4.40", cachedInputPerMTok: "0.275", source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "o4-mini", prices: [{ effectiveFrom: "2025-04-16", inputPerMTok: "1.10", outputPerMTok: "4.40", cachedInputPerMTok: "0.275", source: PRICING.azure }] },
      { providerId: "azure-responses", upstreamModel: "o4-mini", prices: [{ effectiveFrom: "2025-04-16", inputPerMTok: "1.10", outputPerMTok: "4.40", cachedInputPerMTok: "0.275", source: PRICING.azure }] },
    ],
  },
  {
    id: "gpt-oss-120b",
    name: "gpt-oss-120b",
    ownedBy: "openai",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "groq",
        upstreamModel: "openai/gpt-oss-120b",
        // $0.15/$0.60 as listed on Groq's models and pricing pages in 2026; the day it took effect is not known. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.15", outputPerMTok: "0.60", source: PRICING.groq }],
      },
      {
        providerId: "cerebras",
        upstreamModel: "gpt-oss-120b",
        // Price as catalogued 2026-09; the day it took effect is not known. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.35", outputPerMTok: "0.75", source: PRICING.cerebras }],
      },
      {
        providerId: "sambanova",
        upstreamModel: "gpt-oss-120b",
        // Price as catalogued 2026-08. // unverified: effectiveFrom
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.22", outputPerMTok: "0.59", source: PRICING.sambanova }],
      },
      {
        providerId: "together",
        upstreamModel: "openai/gpt-oss-120b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.15", outputPerMTok: "0.60", source: PRICING.together }],
      },
      {
        providerId: "fireworks",
        upstreamModel: "accounts/fireworks/models/gpt-oss-120b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.15", outputPerMTok: "0.60", source: PRICING.fireworks }],
      },
      {
        providerId: "deepinfra",
        upstreamModel: "openai/gpt-oss-120b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.09", outputPerMTok: "0.45", source: PRICING.deepinfra }], // unverified
      },
      {
        providerId: "nvidia",
        upstreamModel: "openai/gpt-oss-120b",
        // Free on the NIM developer tier (rate-limited); billed as the paid gpt-oss-120b for BYOK markup.
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0", outputPerMTok: "0", source: "https://build.nvidia.com/openai/gpt-oss-120b" }],
        paidEquivalent: "gpt-oss-120b",
      },
    ],
  },
  {
    id: "gpt-oss-20b",
    name: "gpt-oss-20b",
    ownedBy: "openai",
    contextLength: 131_072,
    offerings: [
      {
        providerId: "groq",
        upstreamModel: "openai/gpt-oss-20b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.075", outputPerMTok: "0.30", source: PRICING.groq }], // unverified
      },
      {
        providerId: "fireworks",
        upstreamModel: "accounts/fireworks/models/gpt-oss-20b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.07", outputPerMTok: "0.30", source: PRICING.fireworks }],
      },
      {
        providerId: "vercel",
        upstreamModel: "openai/gpt-oss-20b",
        prices: [{ effectiveFrom: "2025-08-05", inputPerMTok: "0.07", outputPerMTok: "0.30", source: "https://vercel.com/ai-gateway/models/gpt-oss-20b" }],
      },
    ],
  },
];
