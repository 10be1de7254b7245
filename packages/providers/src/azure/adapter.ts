// Adapter for Azure OpenAI chat completions on a deployment. The body is OpenAI's, so the
// OpenAI-compatible request shaping and SSE passthrough are reused; what differs is the address
// (endpoint, deployment and api-version from the key's JSON credentials, urls.ts), the `api-key`
// header, and older api-versions (no stream_options, max_tokens only). The deployment decides
// the model: `model` in the body is set to the deployment name, which Azure ignores on the
// deployment path and requires on the v1 path. Errors are OpenAI-shaped ({error: {code,
// message}}, content filtering as code "content_filter" with param "prompt"); 429s carry
// retry-after / retry-after-ms.
import type { UpstreamHttp } from "../http.ts";
import { chatBody, upstreamHeaders } from "../openai-compatible/request.ts";
import { readJson, sendUpstream } from "../openai-responses/send.ts";
import { sseData } from "../sse.ts";
import type { ChatAdapter, UpstreamFailure, UpstreamOutcome, UpstreamTarget } from "../types.ts";
import { withoutAnnotations } from "./chunks.ts";
import { azureCredentials, untrustedEndpoint } from "./credentials.ts";
import { chatUrl, supportsCurrentParams } from "./urls.ts";

interface Prepared {
  url: string;
  target: UpstreamTarget;
  untrusted: boolean;
}

/** The target as the OpenAI-compatible helpers should see it: deployment as model, api-key auth. */
function prepare(target: UpstreamTarget): Prepared | UpstreamFailure {
  const creds = azureCredentials(target, true);
  if ("ok" in creds) return creds;
  const current = supportsCurrentParams(creds.apiVersion);
  const { quirks } = target.provider;
  // Older versions refuse stream_options (the client's too: the gateway then estimates usage).
  const older = { streamUsage: false, maxTokensOnly: true, dropParams: [...(quirks.dropParams ?? []), "stream_options"] };
  const provider = current ? target.provider : { ...target.provider, quirks: { ...quirks, ...older } };
  return { url: chatUrl(creds), target: { ...target, provider, secret: creds.apiKey, upstreamModel: creds.deploymentName }, untrusted: untrustedEndpoint(target) };
}

export function azureAdapter(http: UpstreamHttp): ChatAdapter {
  async function post(target: UpstreamTarget, body: Record<string, unknown>, stream: boolean, signal: AbortSignal) {
    const prepared = prepare(target);
    if ("ok" in prepared) return prepared;
    return sendUpstream(http, prepared.url, {
      method: "POST",
      headers: upstreamHeaders(prepared.target, stream),
      body: chatBody(prepared.target, body, stream),
      signal,
      untrusted: prepared.untrusted,
    });
  }

  return {
    async chat({ target, body, stream, signal }): Promise<UpstreamOutcome> {
      const sent = await post(target, body, stream, signal);
      if (!sent.ok) return sent;
      if (stream) return { ok: true, stream: true, events: withoutAnnotations(sseData(sent.res.body, http.maxResponseBytes)) };
      const read = await readJson<Record<string, unknown>>(http, sent.res, signal);
      return read.ok ? { ok: true, stream: false, completion: read.value } : read;
    },

    /** A one-token completion: the only cheap call an Azure key can make that proves the deployment exists. */
    async validateKey(target, signal) {
      const body = (target.provider.validation.body ?? {}) as Record<string, unknown>;
      const sent = await post(target, body, false, signal);
      if (!sent.ok) return sent;
      await sent.res.body.dump();
      return { ok: true };
    },
  };
}
