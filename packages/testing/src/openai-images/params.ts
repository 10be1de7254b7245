// Checks one images request (generations: the JSON body; edits: the form's text fields) against
// OpenAI's rules for its model, and resolves the defaults OpenAI applies.
import { missingParamBody, type OpenAiErrorBody } from "../mock-errors.ts";
import { GPT_IMAGE_PARAMS, invalidSize, invalidType, invalidValue, nOutOfRange, promptTooLong, rulesFor, unknownParameter, type ModelRules } from "./rules.ts";

export interface ImageParams {
  model: string;
  prompt: string;
  n: number;
  /** Resolved: "auto" becomes 1024x1024. */
  size: string;
  /** Resolved: "auto" becomes "medium" for the GPT image models; dall-e-2 is always "standard". */
  quality: string;
  responseFormat: "url" | "b64_json";
  outputFormat: string;
  background: string;
  rules: ModelRules;
}

const SIZE = /^\d{2,5}x\d{2,5}$/;
const OUTPUT_FORMATS = ["png", "jpeg", "webp"];
const BACKGROUNDS = ["transparent", "opaque", "auto"];

function text(body: Record<string, unknown>, name: string): string | OpenAiErrorBody | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : invalidType(name, "a string", value);
}

export function checkParams(body: Record<string, unknown>): ImageParams | OpenAiErrorBody {
  const prompt = body.prompt;
  if (prompt === undefined || prompt === null || prompt === "") return missingParamBody("prompt");
  if (typeof prompt !== "string") return invalidType("prompt", "a string", prompt);
  const model = text(body, "model") ?? "dall-e-2";
  if (typeof model !== "string") return model;
  const rules = rulesFor(model);
  if (prompt.length > rules.maxPrompt) return promptTooLong(prompt.length, rules.maxPrompt);

  const n = body.n ?? 1;
  if (typeof n !== "number" || !Number.isInteger(n)) return invalidType("n", "an integer", n);
  if (n < 1 || n > rules.maxN) return nOutOfRange(n, rules.maxN, model);

  const size = text(body, "size");
  if (typeof size === "object") return size;
  if (size !== undefined) {
    const known = rules.sizes === "any" ? SIZE.test(size) : rules.sizes.includes(size);
    if (!known) return rules.gptImage || rules.sizes === "any" ? invalidValue("size", size, rules.sizes === "any" ? ["<width>x<height>"] : rules.sizes) : invalidSize();
  }
  const quality = text(body, "quality");
  if (typeof quality === "object") return quality;
  if (quality !== undefined && !rules.qualities.includes(quality)) return invalidValue("quality", quality, rules.qualities);

  const format = text(body, "response_format");
  if (typeof format === "object") return format;
  if (format !== undefined && !rules.responseFormat) return unknownParameter("response_format");
  if (format !== undefined && format !== "url" && format !== "b64_json") return invalidValue("response_format", format, ["url", "b64_json"]);
  if (body.style !== undefined && body.style !== null && !rules.style) return unknownParameter("style");
  if (rules.style && body.style !== undefined && body.style !== "vivid" && body.style !== "natural") return invalidValue("style", String(body.style), ["vivid", "natural"]);
  if (!rules.gptImage) {
    const gptOnly = GPT_IMAGE_PARAMS.find((name) => body[name] !== undefined && body[name] !== null);
    if (gptOnly) return unknownParameter(gptOnly);
  }
  const outputFormat = text(body, "output_format") ?? "png";
  if (typeof outputFormat === "object") return outputFormat;
  if (!OUTPUT_FORMATS.includes(outputFormat)) return invalidValue("output_format", outputFormat, OUTPUT_FORMATS);
  const background = text(body, "background") ?? "auto";
  if (typeof background === "object") return background;
  if (!BACKGROUNDS.includes(background)) return invalidValue("background", background, BACKGROUNDS);

  return {
    model,
    prompt,
    n,
    size: size === undefined || size === "auto" ? "1024x1024" : size,
    quality: quality === undefined || quality === "auto" ? (rules.gptImage ? "medium" : "standard") : quality,
    responseFormat: rules.gptImage ? "b64_json" : (format ?? (rules.sizes === "any" ? "b64_json" : "url")),
    outputFormat,
    background: background === "auto" ? "opaque" : background,
    rules,
  };
}
