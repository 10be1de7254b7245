// Checks an images request's parameters against its model's rules (rules.ts) and returns what
// to forward: the client's parameters minus Switchyard's own (`byok_conf`) and minus what the
// model's API would refuse although it is harmless (`response_format: "b64_json"` for the GPT
// image models, which always answer base64). Every refusal is a 400 naming the parameter.
// Parameters Switchyard does not know are passed through, as OpenAI may add some.
import { SwitchyardError } from "@switchyard/core";
import { byokConfSchema, type ByokConf } from "../../chat/schema.ts";
import { imageRules, type ImageRules } from "./rules.ts";

export type ImagesOperation = "generations" | "edits";

export interface ImageParams {
  model: string;
  rules: ImageRules;
  prompt: string;
  n: number;
  /** As requested, or the model's default ("auto" for the GPT image models). */
  size: string;
  quality: string;
  byokConf: ByokConf | undefined;
  /** The parameters to send upstream (without model and byok_conf). */
  forward: Record<string, unknown>;
}

const SIZE = /^[1-9]\d{1,4}x[1-9]\d{1,4}$/;

const bad = (param: string, message: string) => new SwitchyardError("invalid_request", message, { param });

function oneOf(body: Record<string, unknown>, param: string, allowed: readonly string[], model: string): string | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !allowed.includes(value)) throw bad(param, `Invalid parameter ${param}: ${model} accepts ${allowed.map((v) => `"${v}"`).join(", ")}.`);
  return value;
}

function integer(body: Record<string, unknown>, param: string, min: number, max: number, model: string): number | undefined {
  const value = body[param];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) throw bad(param, `Invalid parameter ${param}: expected an integer.`);
  if (value < min || value > max) throw bad(param, min === max ? `Invalid parameter ${param}: ${model} accepts only ${param}=${min}.` : `Invalid parameter ${param}: ${model} accepts ${min} to ${max}.`);
  return value;
}

function byokConf(value: unknown): ByokConf | undefined {
  if (value === undefined) return undefined;
  const parsed = byokConfSchema.safeParse(value);
  // Never echo credentials back: name the field only.
  if (!parsed.success) throw bad("byok_conf", "Invalid parameter byok_conf: is invalid.");
  return parsed.data;
}

export function validateImageParams(body: Record<string, unknown>, operation: ImagesOperation): ImageParams {
  const model = body.model;
  if (typeof model !== "string" || model.trim() === "") throw bad("model", "Missing parameter model: name an image model (see GET /v1/models, kind image).");
  const rules = imageRules(model);
  const prompt = body.prompt;
  if (typeof prompt !== "string" || prompt.trim() === "") throw bad("prompt", "Missing parameter prompt: a text description of the image.");
  if (prompt.length > rules.maxPrompt) throw bad("prompt", `Invalid parameter prompt: ${model} takes at most ${rules.maxPrompt} characters (got ${prompt.length}).`);
  const n = integer(body, "n", 1, rules.maxN, model) ?? 1;

  const size = body.size ?? null;
  if (size !== null) {
    const known = typeof size === "string" && (rules.sizes === "any" ? SIZE.test(size) : rules.sizes.includes(size));
    if (!known) throw bad("size", `Invalid parameter size: ${model} makes ${rules.sizes === "any" ? "WIDTHxHEIGHT sizes" : rules.sizes.join(", ")}.`);
  }
  const quality = oneOf(body, "quality", rules.qualities, model) ?? rules.defaultQuality;
  const forward: Record<string, unknown> = { ...body };
  delete forward.model;
  delete forward.byok_conf;

  const format = body.response_format ?? null;
  if (format !== null) {
    if (format !== "url" && format !== "b64_json") throw bad("response_format", 'Invalid parameter response_format: "url" or "b64_json".');
    if (!rules.urls && format === "url") throw bad("response_format", `Invalid parameter response_format: ${model} always answers b64_json; it cannot answer urls.`);
    if (!rules.urls) delete forward.response_format;
  }
  if (body.style !== undefined && body.style !== null) {
    if (!rules.style) throw bad("style", `Invalid parameter style: only dall-e-3 takes a style.`);
    oneOf(body, "style", ["vivid", "natural"], model);
  }
  for (const param of ["background", "output_format", "output_compression", "moderation"]) {
    if (!rules.gptImage && body[param] !== undefined && body[param] !== null) throw bad(param, `Invalid parameter ${param}: only the GPT image models take it.`);
  }
  if (rules.gptImage) {
    oneOf(body, "background", ["transparent", "opaque", "auto"], model);
    oneOf(body, "output_format", ["png", "jpeg", "webp"], model);
    integer(body, "output_compression", 0, 100, model);
    if (operation === "generations") oneOf(body, "moderation", ["low", "auto"], model);
  }
  if (body.input_fidelity !== undefined && body.input_fidelity !== null) {
    if (operation !== "edits" || !rules.inputFidelity) throw bad("input_fidelity", `Invalid parameter input_fidelity: ${model} does not take it${operation === "edits" ? "" : " (edits only)"}.`);
    oneOf(body, "input_fidelity", ["high", "low"], model);
  }
  if (body.stream === true || (body.partial_images !== undefined && body.partial_images !== null)) {
    throw bad(body.stream === true ? "stream" : "partial_images", "Streamed image generation is not supported by Switchyard: leave stream unset or false.");
  }
  if (body.user !== undefined && typeof body.user !== "string") throw bad("user", "Invalid parameter user: expected a string.");
  return { model, rules, prompt, n, size: typeof size === "string" ? size : rules.defaultSize, quality, byokConf: byokConf(body.byok_conf), forward };
}
