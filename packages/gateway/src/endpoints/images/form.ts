// Reads POST /v1/images/edits' multipart/form-data body with busboy: the text fields (in the
// order sent) and the image files (`image`, `image[]` as the openai SDK sends arrays, `mask`),
// held in memory within `limit` bytes for the whole body (413 over it, declared or actual) so
// that a failover attempt can send them again.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { SwitchyardError } from "@switchyard/core";
import type { ImageFile } from "@switchyard/providers";

export interface ImageForm {
  /** Text fields in the order sent (the last of a repeated name wins in `body`). */
  fields: Array<[string, string]>;
  /** The fields as a body for validation: numbers and booleans where OpenAI expects them, byok_conf parsed. */
  body: Record<string, unknown>;
  files: ImageFile[];
}

const FILE_FIELDS = new Set(["image", "image[]", "mask"]);
const INTEGER_FIELDS = new Set(["n", "output_compression", "partial_images"]);
const MAX_FIELDS = 64;
const MAX_FILES = 17; // 16 images and a mask

const tooLarge = (limit: number) => new SwitchyardError("payload_too_large", `The upload is larger than ${limit} bytes (SWITCHYARD_IMAGES_MAX_MB).`);
const bad = (message: string, param?: string) => new SwitchyardError("invalid_request", message, param ? { param } : {});

function fieldValue(name: string, value: string): unknown {
  if (INTEGER_FIELDS.has(name) && /^-?\d+$/.test(value.trim())) return Number(value);
  if (name === "stream" && (value === "true" || value === "false")) return value === "true";
  if (name === "byok_conf") {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw bad("Invalid parameter byok_conf: is invalid (send it as a JSON text field).", "byok_conf");
    }
  }
  return value;
}

export async function readImageForm(req: Request, limit: number): Promise<ImageForm> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) throw bad("POST /v1/images/edits takes multipart/form-data (image files and text fields).");
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw new SwitchyardError("payload_too_large", tooLarge(limit).message, { headers: { connection: "close" } });
  if (!req.body) throw bad("The request body is empty.", "image");
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, limits: { fields: MAX_FIELDS, files: MAX_FILES, fileSize: limit, fieldSize: 1024 * 1024 } });
  } catch {
    throw bad("The multipart/form-data body has no boundary.");
  }
  const form: ImageForm = { fields: [], body: {}, files: [] };
  const source = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
  return new Promise<ImageForm>((resolve, reject) => {
    let size = 0;
    let failed = false;
    // The rest of the upload is not read: the connection closes after the answer, so it is never reused mid-body.
    const fail = (error: SwitchyardError): void => {
      if (failed) return;
      failed = true;
      source.unpipe(parser);
      source.destroy();
      reject(new SwitchyardError(error.code, error.message, { ...(error.param ? { param: error.param } : {}), headers: { connection: "close" } }));
    };
    source.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
    });
    source.on("error", () => fail(bad("The upload was interrupted.")));
    parser.on("field", (name, value) => {
      try {
        form.fields.push([name, value]);
        form.body[name] = fieldValue(name, value);
      } catch (error) {
        fail(error as SwitchyardError);
      }
    });
    parser.on("file", (field, stream, info) => {
      if (!FILE_FIELDS.has(field)) {
        stream.resume();
        return fail(bad(`Unknown file field ${field}: send images as image (or image[]) and the mask as mask.`, field));
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("limit", () => fail(tooLarge(limit)));
      stream.on("end", () => form.files.push({ field, filename: info.filename || "image.png", contentType: info.mimeType || "application/octet-stream", bytes: Buffer.concat(chunks) }));
    });
    parser.on("fieldsLimit", () => fail(bad(`Too many form fields (at most ${MAX_FIELDS}).`)));
    parser.on("filesLimit", () => fail(bad(`Too many files (at most 16 images and a mask).`, "image")));
    parser.on("error", () => fail(bad("The multipart/form-data body is malformed.")));
    parser.on("close", () => {
      if (!failed) resolve(form);
    });
    source.pipe(parser);
  });
}
