// The usage of an images answer, for pricing:
//   - GPT image models: the answer's `usage` (input_tokens with input_tokens_details
//     {text_tokens, image_tokens}, output_tokens with optional output_tokens_details) → prompt,
//     image input and image output tokens. Without one, an estimate (marked so): the prompt's
//     tokens, IMAGE_TOKENS_ESTIMATE per input image, and OpenAI's output tokens per image for the
//     answer's quality and size (the highest when unknown, so an estimate never undercharges).
//   - per-image models: the number of images returned, of variant "<quality>:<size>" (the
//     request's, or the model's defaults).
// Either way `images` counts the images returned.
import { countTextTokens, type NormalizedUsage } from "@switchyard/metering";
import { GPT_IMAGE_OUTPUT_TOKENS } from "./rules.ts";
import type { ImageParams } from "./validate.ts";

/** Input image tokens assumed per uploaded image when the upstream reports none (a 1024×1024 image at high fidelity is in this range). */
export const IMAGE_TOKENS_ESTIMATE = 1_600;

const int = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0);
const record = (value: unknown): Record<string, unknown> | undefined => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

function reported(usage: Record<string, unknown>, images: number): NormalizedUsage {
  const input = int(usage.input_tokens);
  const output = int(usage.output_tokens);
  const inDetails = record(usage.input_tokens_details);
  const outDetails = record(usage.output_tokens_details);
  return {
    promptTokens: input,
    completionTokens: output,
    cachedTokens: 0,
    reasoningTokens: 0,
    estimated: false,
    imageInputTokens: Math.min(int(inDetails?.image_tokens), input),
    imageOutputTokens: outDetails && outDetails.image_tokens !== undefined ? Math.min(int(outDetails.image_tokens), output) : output,
    images,
  };
}

function estimated(params: ImageParams, answer: Record<string, unknown>, images: number, inputImages: number): NormalizedUsage {
  const quality = typeof answer.quality === "string" ? answer.quality : params.quality;
  const size = typeof answer.size === "string" ? answer.size : params.size;
  const table = GPT_IMAGE_OUTPUT_TOKENS[quality] ?? GPT_IMAGE_OUTPUT_TOKENS.high!;
  const perImage = table[size] ?? Math.max(...Object.values(table));
  const imageInput = inputImages * IMAGE_TOKENS_ESTIMATE;
  const output = images * perImage;
  return { promptTokens: countTextTokens(params.prompt) + imageInput, completionTokens: output, cachedTokens: 0, reasoningTokens: 0, estimated: true, imageInputTokens: imageInput, imageOutputTokens: output, images };
}

export function imagesUsage(params: ImageParams, answer: Record<string, unknown>, inputImages: number): NormalizedUsage {
  const images = Array.isArray(answer.data) ? answer.data.length : 0;
  if (params.rules.gptImage) {
    const usage = record(answer.usage);
    return usage ? reported(usage, images) : estimated(params, answer, images, inputImages);
  }
  return { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false, images, imageVariant: `${params.quality}:${params.size}` };
}

/** What a request that the client abandoned is billed: the prompt's tokens for token-priced models, nothing for per-image ones. */
export function abandonedUsage(params: ImageParams): NormalizedUsage {
  const prompt = params.rules.gptImage ? countTextTokens(params.prompt) : 0;
  return { promptTokens: prompt, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: true };
}
