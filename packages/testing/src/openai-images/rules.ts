// What OpenAI's Images API accepts per model (platform.openai.com/docs/api-reference/images and
// the openai-node v6 types), and its error bodies when a request breaks a rule. Models the mock
// does not know (other hosts' image models, e.g. DeepInfra's FLUX) get permissive rules: any
// WIDTHxHEIGHT size, n up to 4, b64_json answers.
import type { OpenAiErrorBody } from "../mock-errors.ts";

export interface ModelRules {
  sizes: readonly string[] | "any";
  qualities: readonly string[];
  maxN: number;
  maxPrompt: number;
  /** dall-e models answer url or b64_json; GPT image models always b64_json and refuse the parameter. */
  responseFormat: boolean;
  /** Parameters only the GPT image models know (background, output_format, …). */
  gptImage: boolean;
  style: boolean;
  /** Edits: undefined when the model cannot edit; else the most input images. */
  maxEditImages?: number;
  /** dall-e-2 edits: one square PNG. */
  squarePng?: boolean;
}

const GPT_IMAGE: ModelRules = {
  sizes: ["1024x1024", "1536x1024", "1024x1536", "auto"],
  qualities: ["low", "medium", "high", "auto"],
  maxN: 10,
  maxPrompt: 32_000,
  responseFormat: false,
  gptImage: true,
  style: false,
  maxEditImages: 16,
};

const RULES: Record<string, ModelRules> = {
  "dall-e-2": { sizes: ["256x256", "512x512", "1024x1024"], qualities: ["standard"], maxN: 10, maxPrompt: 1000, responseFormat: true, gptImage: false, style: false, maxEditImages: 1, squarePng: true },
  "dall-e-3": { sizes: ["1024x1024", "1792x1024", "1024x1792"], qualities: ["standard", "hd"], maxN: 1, maxPrompt: 4000, responseFormat: true, gptImage: false, style: true },
  "gpt-image-1": GPT_IMAGE,
  "gpt-image-1-mini": GPT_IMAGE,
};

const OTHER: ModelRules = { sizes: "any", qualities: ["standard", "auto"], maxN: 4, maxPrompt: 32_000, responseFormat: true, gptImage: false, style: false, maxEditImages: 1 };

export function rulesFor(model: string): ModelRules {
  return RULES[model] ?? OTHER;
}

export const GPT_IMAGE_PARAMS = ["background", "output_format", "output_compression", "moderation", "input_fidelity", "partial_images"] as const;

const error = (message: string, param: string | null, code: string | null): OpenAiErrorBody => ({ error: { message, type: "invalid_request_error", param, code } });

export const unknownParameter = (param: string) => error(`Unknown parameter: '${param}'.`, param, "unknown_parameter");
export const invalidType = (param: string, expected: string, got: unknown) =>
  error(`Invalid type for '${param}': expected ${expected}, but got ${typeof got} instead.`, param, "invalid_type");

function list(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")}, and ${quoted.at(-1)}` : (quoted[0] ?? "");
}

export const invalidValue = (param: string, value: string, allowed: readonly string[]) =>
  error(`Invalid value: '${value}'. Supported values are: ${list(allowed)}.`, param, "invalid_value");

/** dall-e's answer to a size it does not make (seen from the real API). */
export const invalidSize = () => error("The size is not supported by this model.", null, "invalid_size");

export function nOutOfRange(n: number, max: number, model: string): OpenAiErrorBody {
  if (n < 1) return error(`Invalid 'n': integer below minimum value. Expected a value >= 1, but got ${n} instead.`, "n", "integer_below_min_value");
  if (max === 1) return error(`You must provide n=1 for this model (${model}).`, "n", null);
  return error(`Invalid 'n': integer above maximum value. Expected a value <= ${max}, but got ${n} instead.`, "n", "integer_above_max_value");
}

export const promptTooLong = (length: number, max: number) =>
  error(`Invalid 'prompt': string too long. Expected a string with maximum length ${max}, but got a string with length ${length} instead.`, "prompt", "string_above_max_length");

export const invalidImage = (message: string, param = "image") => error(message, param, "invalid_image");
