// One images request upstream: generations as JSON, edits as multipart/form-data, both with the
// upstream's model (Azure: the deployment). The answer (OpenAI's ImagesResponse: `data` with url
// or b64_json items, and `usage` for the GPT image models) is returned as sent; errors become
// UpstreamFailures (failures.ts) so the gateway can fail over.
import type { UpstreamHttp } from "../http.ts";
import { readJson, sendUpstream } from "../openai-responses/send.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";
import { imagesAddress } from "./address.ts";
import { formBody, type ImageFile } from "./form.ts";

export type ImagesRequest =
  | { operation: "generations"; body: Record<string, unknown> }
  /** Text fields (without `model`) and the files, in the order the client sent them. */
  | { operation: "edits"; fields: readonly (readonly [string, string])[]; files: readonly ImageFile[] };

export type ImagesOutcome = { ok: true; value: Record<string, unknown> } | UpstreamFailure;

export async function sendImages(http: UpstreamHttp, target: UpstreamTarget, request: ImagesRequest, signal: AbortSignal): Promise<ImagesOutcome> {
  const address = imagesAddress(target, request.operation);
  if ("ok" in address) return address;
  let contentType: string;
  let body: string | Buffer;
  if (request.operation === "generations") {
    contentType = "application/json";
    body = JSON.stringify(Object.assign({}, request.body, { model: address.model }));
  } else {
    ({ contentType, body } = formBody([["model", address.model], ...request.fields.filter(([name]) => name !== "model")], request.files));
  }
  const sent = await sendUpstream(http, address.url, {
    method: "POST",
    headers: Object.assign({}, address.headers, { "content-type": contentType, accept: "application/json" }),
    body,
    signal,
    untrusted: address.untrusted,
  });
  if (!sent.ok) return sent;
  const read = await readJson<unknown>(http, sent.res, signal);
  if (!read.ok) return read;
  if (typeof read.value !== "object" || read.value === null || !Array.isArray((read.value as { data?: unknown }).data)) {
    return { ok: false, kind: "server", status: 502, message: "The upstream provider sent an images response without `data`.", code: null, param: null, retryAfter: null };
  }
  return { ok: true, value: read.value as Record<string, unknown> };
}
