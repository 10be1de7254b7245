// Anthropic's Claude models, served by Anthropic's API and by Claude on Microsoft Foundry.
//
// Prices from https://platform.claude.com/docs/en/about-claude/pricing and each model's overview
// page (read 2026-11-23). Foundry's global deployments bill Anthropic's standard API prices
// (https://platform.claude.com/docs/en/build-with-claude/claude-in-microsoft-foundry); its US Data
// Zone deployments cost 1.1× and are not modelled.
//
// Cache writes are not representable in `Price`: Anthropic bills 5-minute cache writes at 1.25×
// and 1-hour writes at 2× the input price (Sonnet 4.6: $3.75 / $6; Opus: $6.25 / $10; Haiku 4.5:
// $1.25 / $2; Sonnet 5: $2.50 / $4). The adapter counts cache-write tokens as prompt tokens, so
// they are priced at the plain input rate: an under-charge of 25% (or 100%) on those tokens.
//
// Web search (the server tool web_search_20250305, chat `web_search_options`): $10 per 1,000
// searches at Anthropic's API (pricing page, "Web search"), counted per search the response
// reports; search results are input tokens at the model's rate. Marked on the anthropic offering
// only: whether Claude on Microsoft Foundry serves the web search tool could not be confirmed,
// and Bedrock does not serve it. Anthropic lists the tool for every Claude 4.x model; Sonnet 5 and
// Opus 5 are assumed to take it too. // unverified: Foundry, Claude 5 models
//
// Not modelled yet: Claude Sonnet 5.5, Opus 5.5, Haiku 5.5 (prompt-length price bands) and
// Fable/Mythos: their launch days and cache-read prices could not be confirmed on Anthropic's
// pages in the material available. // unverified
import type { ModelDefinition, Price } from "../types.ts";

const ANTHROPIC_PRICING = "https://platform.claude.com/docs/en/about-claude/pricing";
const FOUNDRY_PRICING = "https://platform.claude.com/docs/en/build-with-claude/claude-in-microsoft-foundry";
/** USD per web search ($10 per 1,000). */
const WEB_SEARCH = "0.01";

function claude(id: string, name: string, contextLength: number, price: Omit<Price, "source">, extra: ModelDefinition["offerings"] = []): ModelDefinition {
  return {
    id,
    name,
    ownedBy: "anthropic",
    contextLength,
    offerings: [
      { providerId: "anthropic", upstreamModel: id, prices: [{ ...price, perWebSearch: WEB_SEARCH, source: ANTHROPIC_PRICING }], nativeWebSearch: { billedPer: "search" } },
      // Foundry's `model` is the deployment name: deployments must be named after the model id.
      { providerId: "azure-anthropic-foundry", upstreamModel: id, prices: [{ ...price, source: FOUNDRY_PRICING }] },
      ...extra,
    ],
  };
}

// Amazon Bedrock (provider aws) through its global cross-Region inference profiles, which bill
// Anthropic's standard prices (geographic profiles such as us.… cost about 10% more:
// https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html).
function bedrock(upstreamModel: string, price: Omit<Price, "source">): ModelDefinition["offerings"][number] {
  return { providerId: "aws", upstreamModel, prices: [{ ...price, source: "https://aws.amazon.com/bedrock/pricing/" }] };
}

export const anthropicModels: readonly ModelDefinition[] = [
  // Released 2026-02-17 (model overview page).
  claude("claude-sonnet-4-6", "Claude Sonnet 4.6", 1_000_000, { effectiveFrom: "2026-02-17", inputPerMTok: "3", outputPerMTok: "15", cachedInputPerMTok: "0.30" }, [
    {
      providerId: "openrouter",
      upstreamModel: "anthropic/claude-sonnet-4.6",
      prices: [{ effectiveFrom: "2026-02-17", inputPerMTok: "3", outputPerMTok: "15", cachedInputPerMTok: "0.30", source: "https://openrouter.ai/anthropic/claude-sonnet-4.6" }],
    },
    bedrock("global.anthropic.claude-sonnet-4-6", { effectiveFrom: "2026-02-17", inputPerMTok: "3", outputPerMTok: "15", cachedInputPerMTok: "0.30" }),
  ]),
  // Released 2026-02-05.
  claude("claude-opus-4-6", "Claude Opus 4.6", 1_000_000, { effectiveFrom: "2026-02-05", inputPerMTok: "5", outputPerMTok: "25", cachedInputPerMTok: "0.50" }),
  // Released 2025-10-15; 200K context.
  claude("claude-haiku-4-5", "Claude Haiku 4.5", 200_000, { effectiveFrom: "2025-10-15", inputPerMTok: "1", outputPerMTok: "5", cachedInputPerMTok: "0.10" }, [
    bedrock("global.anthropic.claude-haiku-4-5-20251001-v1:0", { effectiveFrom: "2025-10-15", inputPerMTok: "1", outputPerMTok: "5", cachedInputPerMTok: "0.10" }),
  ]),
  // Released 2026-06-30; the $2/$10 launch price was made permanent (the 2026-09-01 rise to
  // $3/$15 was cancelled).
  claude("claude-sonnet-5", "Claude Sonnet 5", 1_000_000, { effectiveFrom: "2026-06-30", inputPerMTok: "2", outputPerMTok: "10", cachedInputPerMTok: "0.20" }),
  // Released 2026-07-24.
  claude("claude-opus-5", "Claude Opus 5", 1_000_000, { effectiveFrom: "2026-07-24", inputPerMTok: "5", outputPerMTok: "25", cachedInputPerMTok: "0.50" }),
];
