// Models served only through Amazon Bedrock: Amazon's Nova family (Micro, Lite, Pro).
//
// On-demand prices in US East (N. Virginia) from https://aws.amazon.com/bedrock/pricing/ (read
// 2026-11; Nova launched 2024-12-03 at these prices): per 1M tokens, Micro $0.035 / $0.14, Lite
// $0.06 / $0.24, Pro $0.80 / $3.20. Cache reads are billed at a 75% discount on input. The
// pricing page's tables are rendered client-side and the stored copy lacks them: the figures agree
// across several third-party readings of it. // unverified
// Upstream ids are the in-region on-demand model ids (served in us-east-1 and other US regions);
// keys in regions that serve Nova only through inference profiles need an operator override.
import type { ModelDefinition } from "../types.ts";

const BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/";
const LAUNCH = "2024-12-03";

function nova(id: string, name: string, upstreamModel: string, contextLength: number, inputPerMTok: string, outputPerMTok: string, cachedInputPerMTok: string): ModelDefinition {
  return {
    id,
    name,
    ownedBy: "amazon",
    contextLength,
    offerings: [{ providerId: "aws", upstreamModel, prices: [{ effectiveFrom: LAUNCH, inputPerMTok, outputPerMTok, cachedInputPerMTok, source: BEDROCK_PRICING }] }],
  };
}

export const bedrockModels: readonly ModelDefinition[] = [
  nova("amazon.nova-micro", "Amazon Nova Micro", "amazon.nova-micro-v1:0", 128_000, "0.035", "0.14", "0.00875"),
  nova("amazon.nova-lite", "Amazon Nova Lite", "amazon.nova-lite-v1:0", 300_000, "0.06", "0.24", "0.015"),
  nova("amazon.nova-pro", "Amazon Nova Pro", "amazon.nova-pro-v1:0", 300_000, "0.80", "3.20", "0.20"),
];
