// Where a realtime WebSocket goes, per protocol, and with which credential:
//   OpenAI (openai-compatible): wss://api.openai.com/v1/realtime?model=<model>,
//     `Authorization: Bearer <key>` (platform.openai.com/docs/guides/realtime-websocket)
//   Azure OpenAI: from the key's JSON credentials (learn.microsoft.com "Realtime API via WebSockets"):
//     apiVersion "v1" (GA):   wss://<resource>.openai.azure.com/openai/v1/realtime?model=<deployment>
//     dated (preview):        wss://<resource>.openai.azure.com/openai/realtime?api-version=<v>&deployment=<deployment>
//     key in `api-key`. The deployment is the credentials' optional `realtimeDeploymentName`, else
//     one named after the model (as embeddings and audio: the chat `deploymentName` is not used).
// Only the provider's key is sent: the client's own credential never goes upstream.
import type { Protocol } from "@switchyard/catalog";
import { azureCredentials, deploymentFor, untrustedEndpoint } from "../azure/credentials.ts";
import { isV1 } from "../azure/urls.ts";
import { providerAuthHeaders } from "../provider-headers.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export interface RealtimeAddress {
  /** ws:// or wss:// URL. */
  url: string;
  headers: Record<string, string>;
  untrusted: boolean;
}

type Addresser = (target: UpstreamTarget) => RealtimeAddress | UpstreamFailure;

/** http(s)://… → ws(s)://… */
export function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//i, "ws$1://");
}

const openAICompatible: Addresser = (target) => ({
  url: toWebSocketUrl(`${target.baseUrl}/realtime?model=${encodeURIComponent(target.upstreamModel)}`),
  headers: providerAuthHeaders(target),
  untrusted: target.untrustedUrl,
});

const azure: Addresser = (target) => {
  const creds = azureCredentials(target, false);
  if ("ok" in creds) return creds;
  const deployment = encodeURIComponent(deploymentFor(target, "realtimeDeploymentName"));
  const url = isV1(creds.apiVersion)
    ? `${creds.endpoint}/openai/v1/realtime?model=${deployment}`
    : `${creds.endpoint}/openai/realtime?api-version=${encodeURIComponent(creds.apiVersion)}&deployment=${deployment}`;
  return { url: toWebSocketUrl(url), headers: { "api-key": creds.apiKey }, untrusted: untrustedEndpoint(target) };
};

const ADDRESSERS: Partial<Record<Protocol, Addresser>> = { "openai-compatible": openAICompatible, azure };

/** The address, or a client failure naming the provider when its protocol has no realtime API here. */
export function realtimeAddress(target: UpstreamTarget): RealtimeAddress | UpstreamFailure {
  const addresser = target.provider.supports?.realtime === true ? ADDRESSERS[target.provider.protocol] : undefined;
  if (addresser) return addresser(target);
  return { ok: false, kind: "client", status: 400, message: `${target.provider.name} does not offer GET /v1/realtime.`, code: "endpoint_not_supported", param: "model", retryAfter: null };
}
