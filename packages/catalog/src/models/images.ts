// Image models (kind "image", served by POST /v1/images/generations and /v1/images/edits).
// Two ways of pricing, both from OpenAI's pricing page:
//   - per image (`perImage`, keyed "<quality>:<size>"): dall-e-2 (quality is always "standard")
//     and dall-e-3 (standard | hd), and hosts that charge a flat price per image;
//   - per token (text input, image input, image output): the GPT image models, whose responses
//     carry `usage` {input_tokens, input_tokens_details {text_tokens, image_tokens}, output_tokens}.
// `outputPerMTok` is "0" for the GPT image models: they produce no text output (OpenAI lists none).
// Cached input prices exist for gpt-image-1 but the Images API reports no cached tokens, so they
// are not listed.
import type { ModelDefinition, Price } from "../types.ts";
import { PRICING } from "./sources.ts";

const DALL_E_2: Price["perImage"] = { "standard:256x256": "0.016", "standard:512x512": "0.018", "standard:1024x1024": "0.02" };
const DALL_E_3: Price["perImage"] = {
  "standard:1024x1024": "0.04",
  "standard:1024x1792": "0.08",
  "standard:1792x1024": "0.08",
  "hd:1024x1024": "0.08",
  "hd:1024x1792": "0.12",
  "hd:1792x1024": "0.12",
};

const perImage = (effectiveFrom: string, table: Price["perImage"], source: string): Price => ({ effectiveFrom, inputPerMTok: "0", outputPerMTok: "0", perImage: table, source });

const GPT_IMAGE_1: Omit<Price, "source"> = { effectiveFrom: "2025-04-23", inputPerMTok: "5", outputPerMTok: "0", imageInputPerMTok: "10", imageOutputPerMTok: "40" };
// Announced with the model at DevDay (2025-10-06). // unverified: effectiveFrom
const GPT_IMAGE_1_MINI: Omit<Price, "source"> = { effectiveFrom: "2025-10-06", inputPerMTok: "2", outputPerMTok: "0", imageInputPerMTok: "2.5", imageOutputPerMTok: "8" };

// DeepInfra FLUX pro: a flat $0.05 per image (deepinfra.com/black-forest-labs/FLUX-pro), whatever
// the size; the sizes listed are the ones Switchyard accepts for it (multiples of 32 within
// FLUX pro's 256–1440 range). Day the price took effect unknown. // unverified: effectiveFrom
const FLUX_PRO_SIZES = ["1024x1024", "1024x768", "768x1024", "1344x768", "768x1344", "1440x1024", "1024x1440"];
const FLUX_PRO: Price["perImage"] = Object.fromEntries(FLUX_PRO_SIZES.map((size) => [`standard:${size}`, "0.05"]));

// Azure's image deployments are priced at OpenAI's list prices (Global Standard), read from
// summaries of Azure's script-rendered pricing page. // unverified
export const imageModels: readonly ModelDefinition[] = [
  {
    id: "dall-e-2",
    kind: "image",
    name: "DALL·E 2",
    ownedBy: "openai",
    offerings: [{ providerId: "openai", upstreamModel: "dall-e-2", prices: [perImage("2023-11-06", DALL_E_2, PRICING.openai)] }],
  },
  {
    id: "dall-e-3",
    kind: "image",
    name: "DALL·E 3",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "dall-e-3", prices: [perImage("2023-11-06", DALL_E_3, PRICING.openai)] },
      { providerId: "azure", upstreamModel: "dall-e-3", prices: [perImage("2023-11-06", DALL_E_3, PRICING.azure)] },
    ],
  },
  {
    id: "gpt-image-1",
    kind: "image",
    name: "GPT Image 1",
    ownedBy: "openai",
    offerings: [
      { providerId: "openai", upstreamModel: "gpt-image-1", prices: [{ ...GPT_IMAGE_1, source: PRICING.openai }] },
      { providerId: "azure", upstreamModel: "gpt-image-1", prices: [{ ...GPT_IMAGE_1, source: PRICING.azure }] },
    ],
  },
  {
    id: "gpt-image-1-mini",
    kind: "image",
    name: "GPT Image 1 mini",
    ownedBy: "openai",
    offerings: [{ providerId: "openai", upstreamModel: "gpt-image-1-mini", prices: [{ ...GPT_IMAGE_1_MINI, source: PRICING.openai }] }],
  },
  {
    id: "flux-pro",
    kind: "image",
    name: "FLUX.1 [pro]",
    ownedBy: "black-forest-labs",
    offerings: [{ providerId: "deepinfra", upstreamModel: "black-forest-labs/FLUX-pro", prices: [perImage("2024-08-01", FLUX_PRO, "https://deepinfra.com/black-forest-labs/FLUX-pro")] }],
  },
];
