// The images API's answer: `created`, `data` (url or b64_json per image; dall-e-3 adds
// `revised_prompt`) and, for the GPT image models, the resolved settings and token `usage`.
// Output tokens per image follow the table OpenAI's image guide gives for gpt-image-1 (low /
// medium / high × square / portrait / landscape); text tokens are the prompt's length / 4 rounded
// up, and every input image (edits) counts IMAGE_INPUT_TOKENS: the mock's own fixed figures, so
// tests can compute the exact cost.
import { requestId } from "../mock-ids.ts";
import type { ImageParams } from "./params.ts";
import { PNG_1X1 } from "./png.ts";

export const IMAGE_INPUT_TOKENS = 194;

const OUTPUT_TOKENS: Record<string, Record<string, number>> = {
  low: { "1024x1024": 272, "1024x1536": 408, "1536x1024": 400 },
  medium: { "1024x1024": 1056, "1024x1536": 1584, "1536x1024": 1568 },
  high: { "1024x1024": 4160, "1024x1536": 6240, "1536x1024": 6208 },
};

export function outputTokensPerImage(quality: string, size: string): number {
  return OUTPUT_TOKENS[quality]?.[size] ?? 1056;
}

export const textTokens = (prompt: string): number => Math.ceil(prompt.length / 4);

export function imagesBody(params: ImageParams, inputImages: number): Record<string, unknown> {
  const data = Array.from({ length: params.n }, () => {
    const item: Record<string, unknown> =
      params.responseFormat === "url" ? { url: `https://mock-images.switchyard.test/${requestId()}.png` } : { b64_json: PNG_1X1.toString("base64") };
    if (params.model === "dall-e-3") item.revised_prompt = `A detailed rendering of: ${params.prompt}`;
    return item;
  });
  const body: Record<string, unknown> = { created: Math.floor(Date.now() / 1000), data };
  if (!params.rules.gptImage) return body;
  const text = textTokens(params.prompt);
  const image = inputImages * IMAGE_INPUT_TOKENS;
  const output = params.n * outputTokensPerImage(params.quality, params.size);
  return {
    ...body,
    background: params.background,
    output_format: params.outputFormat,
    quality: params.quality,
    size: params.size,
    usage: { input_tokens: text + image, input_tokens_details: { text_tokens: text, image_tokens: image }, output_tokens: output, total_tokens: text + image + output },
  };
}
