// A multipart/form-data body from text fields and in-memory files (image uploads, which the
// gateway holds within its size limit so a failover attempt can send them again).
import { randomBytes } from "node:crypto";

export interface ImageFile {
  /** The form field: "image" (one), "image[]" (several) or "mask". */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Quotes a header parameter value as browsers do (RFC 7578: `"` and line breaks percent-encoded). */
function quoted(value: string): string {
  return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function formBody(fields: readonly (readonly [string, string])[], files: readonly ImageFile[]): { contentType: string; body: Buffer } {
  const boundary = `----switchyard${randomBytes(12).toString("hex")}`;
  const parts: Buffer[] = fields.map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`, "utf8"));
  for (const file of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, "utf8"));
    parts.push(file.bytes, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, "utf8"));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}
