// Reads a multipart/form-data body with busboy, as the images and audio endpoints receive it:
// text fields (repeated names keep every value) and files with their bytes.
import busboy from "busboy";

export interface FormFile {
  field: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface FormData {
  fields: Record<string, string[]>;
  files: FormFile[];
}

/** Parses `body` (the whole request body) given its content-type; rejects malformed bodies. */
export function parseMultipart(contentType: string, body: Buffer): Promise<FormData> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType } });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    const form: FormData = { fields: {}, files: [] };
    parser.on("field", (name, value) => (form.fields[name] ??= []).push(value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => form.files.push({ field, filename: info.filename ?? "", mimeType: info.mimeType, bytes: Buffer.concat(chunks) }));
    });
    parser.on("error", reject);
    parser.on("close", () => resolve(form));
    parser.end(body);
  });
}
