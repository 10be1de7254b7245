// POST …/audio/transcriptions and …/audio/translations: the client's form fields (model replaced
// by the upstream's) and the spooled file, streamed from disk. The answer's body is returned
// unread (JSON, text, srt, vtt or server-sent events).
import type { Dispatcher } from "undici";
import type { UpstreamHttp } from "../http.ts";
import { sendUpstream } from "../openai-responses/send.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";
import { audioAddress } from "./address.ts";
import { multipartBody, type UploadFile } from "./multipart.ts";

export interface TranscriptionUpload {
  path: "transcriptions" | "translations";
  /** Every text field as the client sent it, in order (repeated names such as `timestamp_granularities[]` kept). */
  fields: readonly (readonly [string, string])[];
  file: UploadFile;
}

export async function sendTranscription(
  http: UpstreamHttp,
  target: UpstreamTarget,
  upload: TranscriptionUpload,
  signal: AbortSignal,
): Promise<{ ok: true; res: Dispatcher.ResponseData<unknown> } | UpstreamFailure> {
  const address = audioAddress(target, upload.path);
  if ("ok" in address) return address;
  const fields = [["model", address.model] as const, ...upload.fields.filter(([name]) => name !== "model")];
  const body = multipartBody(fields, upload.file);
  return sendUpstream(http, address.url, {
    method: "POST",
    headers: Object.assign({}, address.headers, { "content-type": body.contentType, "content-length": String(body.length) }),
    body: body.stream(),
    signal,
    untrusted: address.untrusted,
  });
}
