// What each image model accepts, as OpenAI documents it (platform.openai.com/docs/api-reference/
// images and the openai-node v6 types): sizes, qualities, how many images, the prompt's length,
// which parameters, and whether it edits. The gateway checks these before any upstream call, so
// a bad request is a 400 naming the parameter (and no failover churns through providers).
// Models priced per image at other hosts (e.g. DeepInfra's FLUX pro) take exactly the sizes
// their price lists; models the catalog does not know (custom providers) any WIDTHxHEIGHT.
import { getModel, priceAt } from "@switchyard/catalog";

export interface ImageRules {
  /** Allowed sizes, or "any" (WIDTHxHEIGHT). */
  sizes: readonly string[] | "any";
  defaultSize: string;
  qualities: readonly string[];
  defaultQuality: string;
  maxN: number;
  maxPrompt: number;
  /** dall-e answers url or b64_json; the GPT image models always b64_json. */
  urls: boolean;
  style: boolean;
  /** background, output_format, output_compression, moderation (and input_fidelity where noted). */
  gptImage: boolean;
  inputFidelity: boolean;
  /** Most input images for edits; 0: the model does not edit. */
  maxEditImages: number;
  /** dall-e-2 edits: PNG files only. */
  pngOnly: boolean;
}

const GPT_IMAGE: ImageRules = {
  sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"],
  defaultSize: "auto",
  qualities: ["low", "medium", "high", "auto"],
  defaultQuality: "auto",
  maxN: 10,
  maxPrompt: 32_000,
  urls: false,
  style: false,
  gptImage: true,
  inputFidelity: true,
  maxEditImages: 16,
  pngOnly: false,
};

const BY_MODEL: Record<string, ImageRules> = {
  "dall-e-2": {
    sizes: ["256x256", "512x512", "1024x1024"], defaultSize: "1024x1024", qualities: ["standard"], defaultQuality: "standard",
    maxN: 10, maxPrompt: 1000, urls: true, style: false, gptImage: false, inputFidelity: false, maxEditImages: 1, pngOnly: true,
  },
  "dall-e-3": {
    sizes: ["1024x1024", "1792x1024", "1024x1792"], defaultSize: "1024x1024", qualities: ["standard", "hd"], defaultQuality: "standard",
    maxN: 1, maxPrompt: 4000, urls: true, style: true, gptImage: false, inputFidelity: false, maxEditImages: 0, pngOnly: false,
  },
  "gpt-image-1": GPT_IMAGE,
  "gpt-image-1-mini": { ...GPT_IMAGE, inputFidelity: false },
};

/** Hosted models priced per image: the sizes their "standard:<size>" prices list. */
function hostedRules(modelId: string): ImageRules {
  const offering = getModel(modelId)?.offerings[0];
  const perImage = offering ? priceAt(offering, new Date())?.perImage : undefined;
  const sizes = perImage ? Object.keys(perImage).filter((k) => k.startsWith("standard:")).map((k) => k.slice("standard:".length)) : "any";
  return {
    sizes, defaultSize: "1024x1024", qualities: ["standard"], defaultQuality: "standard",
    maxN: 4, maxPrompt: 32_000, urls: true, style: false, gptImage: false, inputFidelity: false, maxEditImages: 0, pngOnly: false,
  };
}

/** The catalog model a request names: `dall-e-3`, or `openai/dall-e-3` (a provider pin). */
export function catalogModelId(model: string): string | undefined {
  if (getModel(model)) return model;
  const slash = model.indexOf("/");
  const rest = slash > 0 ? model.slice(slash + 1) : undefined;
  return rest && getModel(rest) ? rest : undefined;
}

export function imageRules(model: string): ImageRules {
  const id = catalogModelId(model);
  return (id ? BY_MODEL[id] : undefined) ?? hostedRules(id ?? model);
}

/** Output image tokens per image of gpt-image-1, from OpenAI's image generation guide (quality × size). */
export const GPT_IMAGE_OUTPUT_TOKENS: Record<string, Record<string, number>> = {
  low: { "1024x1024": 272, "1024x1536": 408, "1536x1024": 400 },
  medium: { "1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568 },
  high: { "1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208 },
};
