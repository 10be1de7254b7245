// Where an audio request goes, per protocol: OpenAI-compatible providers (OpenAI, Groq) at
// `${baseUrl}/audio/<path>` with the provider's auth header; Azure OpenAI on a deployment
// (learn.microsoft.com "Azure OpenAI REST reference": POST {endpoint}/openai/deployments/
// {deployment}/audio/{transcriptions|translations|speech}?api-version=…, or {endpoint}/openai/v1/
// audio/… with the deployment as `model`), key in `api-key`. The deployment is the credentials'
// optional `speechDeploymentName` (speech) or `transcriptionDeploymentName` (transcriptions and
// translations), else one named after the model (the portal's default name, as for embeddings).
// The model the upstream is told is returned with the address (Azure: the deployment name).
import type { Protocol } from "@switchyard/catalog";
import { azureCredentials, untrustedEndpoint } from "../azure/credentials.ts";
import { isV1 } from "../azure/urls.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export type AudioPath = "speech" | "transcriptions" | "translations";

export interface AudioAddress {
  url: string;
  /** Auth and the provider's static headers (no content-type). */
  headers: Record<string, string>;
  /** The `model` the upstream expects. */
  model: string;
  untrusted: boolean;
}

type Addresser = (target: UpstreamTarget, path: AudioPath) => AudioAddress | UpstreamFailure;

const openAICompatible: Addresser = (target, path) => ({
  url: `${target.baseUrl}/audio/${path}`,
  headers: Object.assign({}, target.provider.headers, { [target.provider.auth.header]: `${target.provider.auth.prefix}${target.secret}` }),
  model: target.upstreamModel,
  untrusted: target.untrustedUrl,
});

/** The credentials' `speechDeploymentName` / `transcriptionDeploymentName`, else a deployment named after the model. */
function audioDeployment(target: UpstreamTarget, path: AudioPath): string {
  const field = path === "speech" ? "speechDeploymentName" : "transcriptionDeploymentName";
  try {
    const value = (JSON.parse(target.secret) as Record<string, unknown>)[field];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  } catch {
    // azureCredentials() has already reported unusable credentials
  }
  return target.upstreamModel;
}

const azure: Addresser = (target, path) => {
  const creds = azureCredentials(target, false);
  if ("ok" in creds) return creds;
  const deployment = audioDeployment(target, path);
  const v1 = isV1(creds.apiVersion);
  const query = v1 ? (creds.apiVersion.toLowerCase() === "preview" ? "?api-version=preview" : "") : `?api-version=${encodeURIComponent(creds.apiVersion)}`;
  const url = v1 ? `${creds.endpoint}/openai/v1/audio/${path}${query}` : `${creds.endpoint}/openai/deployments/${encodeURIComponent(deployment)}/audio/${path}${query}`;
  return { url, headers: { "api-key": creds.apiKey }, model: deployment, untrusted: untrustedEndpoint(target) };
};

const ADDRESSERS: Partial<Record<Protocol, Addresser>> = { "openai-compatible": openAICompatible, azure };

/** The address, or a client failure naming the provider when its protocol has no audio API here. */
export function audioAddress(target: UpstreamTarget, path: AudioPath): AudioAddress | UpstreamFailure {
  const addresser = ADDRESSERS[target.provider.protocol];
  if (addresser) return addresser(target, path);
  return { ok: false, kind: "client", status: 400, message: `${target.provider.name} does not offer /v1/audio/${path}.`, code: "endpoint_not_supported", param: "model", retryAfter: null };
}
