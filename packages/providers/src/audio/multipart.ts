// A multipart/form-data body built from text fields and one file on disk, streamed: the file is
// read from disk as it is sent (never held in memory), so a failover attempt can send it again.
// The length is known beforehand, so the upstream gets a content-length.
import { createReadStream } from "node:fs";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

export interface UploadFile {
  /** The form field carrying the file ("file"). */
  field: string;
  path: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface MultipartBody {
  contentType: string;
  length: number;
  /** A fresh stream on every call. */
  stream(): Readable;
}

/** Quotes a header parameter value as browsers do (RFC 7578: `"` and line breaks percent-encoded). */
function quoted(value: string): string {
  return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function multipartBody(fields: readonly (readonly [string, string])[], file: UploadFile): MultipartBody {
  const boundary = `----switchyard${randomBytes(12).toString("hex")}`;
  const head = fields
    .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`)
    .join("");
  const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const before = Buffer.from(head + fileHead, "utf8");
  const after = Buffer.from(`\r\n--${boundary}--\r\n`, "utf8");
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: before.length + file.size + after.length,
    stream() {
      async function* parts(): AsyncGenerator<Buffer> {
        yield before;
        for await (const chunk of createReadStream(file.path)) yield chunk as Buffer;
        yield after;
      }
      return Readable.from(parts(), { objectMode: false });
    },
  };
}
