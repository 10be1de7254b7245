// Reads a multipart/form-data upload (transcriptions, translations) with busboy as it arrives:
// text fields in order, and the `file` part spooled to a private temporary file on disk (never
// held whole in memory), so each failover attempt can stream it to its upstream again. The file
// may be at most `maxFileBytes`, the whole body at most twice that and the text fields: over
// either (declared in content-length, or as a chunked body arrives) the answer is a 413 in
// OpenAI's envelope at once, with `connection: close` (the rest of the body is not read, so the
// connection is never reused mid-body). `dispose()` deletes the temporary file.
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import busboy from "busboy";
import { SwitchyardError } from "@switchyard/core";
import type { UploadFile } from "@switchyard/providers";

export interface SpooledUpload {
  fields: Array<[string, string]>;
  file: UploadFile | undefined;
  dispose(): Promise<void>;
}

const MAX_FIELD_BYTES = 256 * 1024;
const MAX_FIELDS = 64;

const mb = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MB`;

export async function spoolUpload(req: Request, maxFileBytes: number): Promise<SpooledUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) throw new SwitchyardError("invalid_request", "The request body must be multipart/form-data with the audio in a `file` field.", { param: "file" });
  const tooLarge = () => new SwitchyardError("payload_too_large", `The audio file is larger than the ${mb(maxFileBytes)} this gateway accepts.`, { param: "file", headers: { connection: "close" } });
  // A body far over the limit is refused before reading it; one near it is read to know.
  const maxBodyBytes = 2 * maxFileBytes + MAX_FIELDS * MAX_FIELD_BYTES;
  if (Number(req.headers.get("content-length") ?? "0") > maxBodyBytes) throw tooLarge();

  let dir: string | undefined;
  const dispose = async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  const fields: Array<[string, string]> = [];
  let file: UploadFile | undefined;
  let overLimit = false;
  let badField: string | undefined;
  const writes: Promise<void>[] = [];
  // Stops reading the body as soon as the file is over the limit.
  const stop = new AbortController();
  let received = 0;
  const bounded = async function* (source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      received += chunk.length;
      if (received > maxBodyBytes) throw tooLarge();
      yield chunk;
    }
  };

  try {
    const parser = busboy({ headers: { "content-type": contentType }, limits: { fileSize: maxFileBytes, fieldSize: MAX_FIELD_BYTES, fields: MAX_FIELDS, files: 1 } });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) badField ??= name;
      else fields.push([name, value]);
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || file) {
        stream.resume();
        return;
      }
      const entry: UploadFile = { field: "file", path: "", filename: info.filename || "audio", contentType: info.mimeType || "application/octet-stream", size: 0 };
      file = entry;
      stream.on("limit", () => {
        overLimit = true;
        stop.abort();
      });
      writes.push(
        (async () => {
          dir = await mkdtemp(join(tmpdir(), "switchyard-audio-"));
          entry.path = join(dir, "upload");
          const counted = async function* (source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              entry.size += chunk.length;
              yield chunk;
            }
          };
          await pipeline(stream, counted, createWriteStream(entry.path, { mode: 0o600 }));
        })(),
      );
    });
    if (!req.body) throw new SwitchyardError("invalid_request", "The request has no body: send the audio in a `file` field.", { param: "file" });
    await pipeline(Readable.fromWeb(req.body as NodeWebStream<Uint8Array>), bounded, parser, { signal: stop.signal });
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    await dispose();
    if (overLimit) throw tooLarge();
    if (error instanceof SwitchyardError) throw error;
    if ((error as Error).name === "AbortError" || req.signal.aborted) throw error;
    throw new SwitchyardError("invalid_request", "The multipart body could not be read.", { param: "file", cause: error });
  }
  if (overLimit) {
    await dispose();
    throw tooLarge();
  }
  if (badField !== undefined) {
    await dispose();
    throw new SwitchyardError("invalid_request", `Invalid parameter ${badField}: longer than ${MAX_FIELD_BYTES} bytes.`, { param: badField });
  }
  return { fields, file, dispose };
}
