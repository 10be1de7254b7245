// The upstream request for an OpenAI-compatible provider: the client's body with the upstream
// model id, usage requested on streams, and the provider's quirks applied. Objects are copied
// with Object.assign, not spreads: on Node 20 an object spread that then gains properties costs
// microseconds, and this runs for every request.
import type { UpstreamTarget } from "../types.ts";

export function chatBody(target: UpstreamTarget, body: Record<string, unknown>, stream: boolean): string {
  const { quirks } = target.provider;
  const out: Record<string, unknown> = Object.assign({}, body);
  out.model = target.upstreamModel;
  if (stream) {
    out.stream = true;
    if (quirks.streamUsage) out.stream_options = Object.assign({}, body.stream_options, { include_usage: true });
  }
  if (quirks.maxTokensOnly && out.max_completion_tokens !== undefined) {
    out.max_tokens ??= out.max_completion_tokens;
    delete out.max_completion_tokens;
  }
  for (const param of quirks.dropParams ?? []) delete out[param];
  return JSON.stringify(out);
}

export function upstreamHeaders(target: UpstreamTarget, stream: boolean): Record<string, string> {
  const { auth, headers } = target.provider;
  return Object.assign({}, headers, {
    "content-type": "application/json",
    accept: stream ? "text/event-stream" : "application/json",
    [auth.header]: `${auth.prefix}${target.secret}`,
  });
}
