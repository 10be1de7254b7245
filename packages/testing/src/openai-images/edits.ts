// POST …/images/edits as OpenAI receives it: multipart/form-data with the image file(s) under
// `image` (one) or `image[]` (several, as the openai SDK sends arrays), an optional `mask`, and
// the other parameters as text fields. Files are checked by their bytes: dall-e-2 takes one square
// PNG under 4 MB, the GPT image models up to 16 PNG/JPEG/WebP files under 50 MB each; the mask
// is a PNG (dall-e-2: the image's dimensions).
import type { OpenAiErrorBody } from "../mock-errors.ts";
import { parseMultipart, type FormData, type FormFile } from "./multipart.ts";
import { checkParams, type ImageParams } from "./params.ts";
import { pngSize, sniffFormat } from "./png.ts";
import { invalidImage } from "./rules.ts";

const MB = 1024 * 1024;
const NUMERIC = ["n", "output_compression", "partial_images"];

export interface EditRequest {
  params: ImageParams;
  images: FormFile[];
}

/** The form's text fields as a body (numbers where OpenAI expects them), for checkParams. */
function fieldsBody(form: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(form.fields)) {
    const value = values[0]!;
    body[name] = NUMERIC.includes(name) && /^-?\d+$/.test(value) ? Number(value) : value;
  }
  return body;
}

/** What the mock saw, for tests: text fields and the files without their bytes. */
export function describeForm(form: FormData): Record<string, unknown> {
  return { ...fieldsBody(form), files: form.files.map((f) => ({ field: f.field, filename: f.filename, mimeType: f.mimeType, size: f.bytes.length })) };
}

function checkFiles(params: ImageParams, images: FormFile[], mask: FormFile | undefined): OpenAiErrorBody | undefined {
  const { rules, model } = params;
  if (rules.maxEditImages === undefined) return { error: { message: `Invalid value: '${model}'. Image edits support 'dall-e-2' and the GPT image models.`, type: "invalid_request_error", param: "model", code: "invalid_value" } };
  if (images.length > rules.maxEditImages) return invalidImage(`Too many images: ${images.length}. ${model} accepts at most ${rules.maxEditImages}.`);
  for (const image of images) {
    const format = sniffFormat(image.bytes);
    if (rules.squarePng) {
      const size = pngSize(image.bytes);
      if (!size) return invalidImage("Invalid input image - format must be in ['RGBA', 'LA', 'L'] PNG.");
      if (size.width !== size.height) return invalidImage("Uploaded image must be a square PNG.");
      if (image.bytes.length > 4 * MB) return invalidImage("Uploaded image must be a PNG and less than 4 MB.");
    } else {
      if (!format) return invalidImage(`Invalid image file or mode for image ${images.indexOf(image) + 1}, please check your image file.`);
      if (image.bytes.length > 50 * MB) return invalidImage("Image file is too large: each image must be less than 50 MB.");
    }
  }
  if (mask) {
    const size = pngSize(mask.bytes);
    if (!size) return invalidImage("Invalid mask image - must be a PNG.", "mask");
    const first = rules.squarePng ? pngSize(images[0]!.bytes) : undefined;
    if (first && (first.width !== size.width || first.height !== size.height)) return invalidImage("Invalid mask image - the mask and the image must have the same dimensions.", "mask");
  }
  return undefined;
}

/** `model` maps the requested model to the one that runs (Azure: the deployment's model). */
export async function readEditRequest(contentType: string, bytes: Buffer, model: (body: Record<string, unknown>) => void = () => {}): Promise<{ form: FormData; request: EditRequest | OpenAiErrorBody }> {
  const form = await parseMultipart(contentType, bytes);
  const images = form.files.filter((f) => f.field === "image" || f.field === "image[]");
  if (images.length === 0) return { form, request: { error: { message: "Missing required parameter: 'image'.", type: "invalid_request_error", param: "image", code: "missing_required_parameter" } } };
  const body = fieldsBody(form);
  model(body);
  const params = checkParams(body);
  if ("error" in params) return { form, request: params };
  const problem = checkFiles(params, images, form.files.find((f) => f.field === "mask"));
  return { form, request: problem ?? { params, images } };
}
