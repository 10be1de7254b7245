// POST …/audio/speech: the client's JSON body with the upstream's model. The answer's body is
// returned unread so the gateway can stream the audio bytes as they arrive.
import type { Dispatcher } from "undici";
import type { UpstreamHttp } from "../http.ts";
import { sendUpstream } from "../openai-responses/send.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";
import { audioAddress } from "./address.ts";

export async function sendSpeech(
  http: UpstreamHttp,
  target: UpstreamTarget,
  body: Record<string, unknown>,
  signal: AbortSignal,
): Promise<{ ok: true; res: Dispatcher.ResponseData<unknown> } | UpstreamFailure> {
  const address = audioAddress(target, "speech");
  if ("ok" in address) return address;
  const sse = body.stream_format === "sse";
  return sendUpstream(http, address.url, {
    method: "POST",
    headers: Object.assign({}, address.headers, { "content-type": "application/json", accept: sse ? "text/event-stream" : "*/*" }),
    body: JSON.stringify(Object.assign({}, body, { model: address.model })),
    signal,
    untrusted: address.untrusted,
  });
}
