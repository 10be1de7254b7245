// Checks the uploaded files of an edit against the model's rules before any upstream call: the
// model edits at all, how many images, and their formats by magic bytes (dall-e-2: PNG only; the
// GPT image models: PNG, JPEG or WebP). The mask is always a PNG.
import { SwitchyardError } from "@switchyard/core";
import type { ImageFile } from "@switchyard/providers";
import type { ImageParams } from "./validate.ts";

type Format = "png" | "jpeg" | "webp";

function sniff(bytes: Buffer): Format | undefined {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.readUInt32BE(4) === 0x0d0a1a0a) return "png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  return undefined;
}

const bad = (param: string, message: string) => new SwitchyardError("invalid_request", message, { param });

export function checkEditFiles(params: ImageParams, files: readonly ImageFile[]): void {
  const { rules, model } = params;
  const images = files.filter((f) => f.field === "image" || f.field === "image[]");
  if (images.length === 0) throw bad("image", "Missing parameter image: the image file to edit.");
  if (rules.maxEditImages === 0) throw bad("model", `${model} does not edit images: use dall-e-2 or a GPT image model (e.g. gpt-image-1).`);
  if (images.length > rules.maxEditImages) throw bad("image", `Invalid parameter image: ${model} edits at most ${rules.maxEditImages} image${rules.maxEditImages === 1 ? "" : "s"} (got ${images.length}).`);
  for (const [i, image] of images.entries()) {
    const format = sniff(image.bytes);
    if (rules.pngOnly ? format !== "png" : format === undefined) {
      throw bad("image", `Invalid parameter image: file ${i + 1} (${image.filename}) is not ${rules.pngOnly ? "a PNG" : "a PNG, JPEG or WebP image"}.`);
    }
  }
  const masks = files.filter((f) => f.field === "mask");
  if (masks.length > 1) throw bad("mask", "Invalid parameter mask: send one mask.");
  if (masks[0] && sniff(masks[0].bytes) !== "png") throw bad("mask", "Invalid parameter mask: the mask must be a PNG.");
}
