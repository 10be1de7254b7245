// Where an images request goes, per protocol: OpenAI-compatible providers (OpenAI, DeepInfra…)
// at `${baseUrl}/images/<operation>` with the provider's auth header; Azure OpenAI on the key's
// deployment (learn.microsoft.com "Azure OpenAI REST reference": POST {endpoint}/openai/
// deployments/{deployment}/images/{generations|edits}?api-version=…, or {endpoint}/openai/v1/
// images/… with the deployment as `model`), key in `api-key`. The model the upstream is told is
// returned with the address (Azure: the deployment name).
import type { Protocol } from "@switchyard/catalog";
import { azureCredentials, untrustedEndpoint } from "../azure/credentials.ts";
import { isV1 } from "../azure/urls.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export type ImagesOperation = "generations" | "edits";

export interface ImagesAddress {
  url: string;
  /** Auth and the provider's static headers (no content-type). */
  headers: Record<string, string>;
  /** The `model` the upstream expects. */
  model: string;
  untrusted: boolean;
}

type Addresser = (target: UpstreamTarget, operation: ImagesOperation) => ImagesAddress | UpstreamFailure;

const openAICompatible: Addresser = (target, operation) => ({
  url: `${target.baseUrl}/images/${operation}`,
  headers: Object.assign({}, target.provider.headers, { [target.provider.auth.header]: `${target.provider.auth.prefix}${target.secret}` }),
  model: target.upstreamModel,
  untrusted: target.untrustedUrl,
});

const azure: Addresser = (target, operation) => {
  const creds = azureCredentials(target, true);
  if ("ok" in creds) return creds;
  const v1 = isV1(creds.apiVersion);
  const query = v1 ? (creds.apiVersion.toLowerCase() === "preview" ? "?api-version=preview" : "") : `?api-version=${encodeURIComponent(creds.apiVersion)}`;
  const url = v1 ? `${creds.endpoint}/openai/v1/images/${operation}${query}` : `${creds.endpoint}/openai/deployments/${encodeURIComponent(creds.deploymentName)}/images/${operation}${query}`;
  return { url, headers: { "api-key": creds.apiKey }, model: creds.deploymentName, untrusted: untrustedEndpoint(target) };
};

const ADDRESSERS: Partial<Record<Protocol, Addresser>> = { "openai-compatible": openAICompatible, azure };

/** The address, or a client failure naming the provider when its protocol has no images API here. */
export function imagesAddress(target: UpstreamTarget, operation: ImagesOperation): ImagesAddress | UpstreamFailure {
  const addresser = ADDRESSERS[target.provider.protocol];
  if (addresser) return addresser(target, operation);
  return { ok: false, kind: "client", status: 400, message: `${target.provider.name} does not offer /v1/images/${operation}.`, code: "endpoint_not_supported", param: "model", retryAfter: null };
}
