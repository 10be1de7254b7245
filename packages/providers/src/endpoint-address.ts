// Where a request to an OpenAI endpoint besides chat goes (audio, images), per protocol:
// OpenAI-compatible providers at `${baseUrl}/<path>` with the provider's auth header; Azure OpenAI
// on a deployment (azure/urls.ts deploymentUrl), key in `api-key`. The model the upstream is told
// is returned with the address (Azure: the deployment name). Other protocols: a client failure
// naming the provider and the endpoint.
import { azureCredentials, type AzureCredentials, untrustedEndpoint } from "./azure/credentials.ts";
import { deploymentUrl } from "./azure/urls.ts";
import { providerAuthHeaders } from "./provider-headers.ts";
import type { UpstreamFailure, UpstreamTarget } from "./types.ts";

export interface EndpointAddress {
  url: string;
  /** Auth and the provider's static headers (no content-type). */
  headers: Record<string, string>;
  /** The `model` the upstream expects. */
  model: string;
  untrusted: boolean;
}

export interface AzureDeployment {
  /** Whether the credentials must name `deploymentName`. */
  needsDeployment: boolean;
  deployment(target: UpstreamTarget, creds: AzureCredentials): string;
}

/** `path` without a leading slash, e.g. "audio/speech" or "images/edits". */
export function endpointAddress(target: UpstreamTarget, path: string, azure: AzureDeployment): EndpointAddress | UpstreamFailure {
  switch (target.provider.protocol) {
    case "openai-compatible":
      return {
        url: `${target.baseUrl}/${path}`,
        headers: providerAuthHeaders(target),
        model: target.upstreamModel,
        untrusted: target.untrustedUrl,
      };
    case "azure": {
      const creds = azureCredentials(target, azure.needsDeployment);
      if ("ok" in creds) return creds;
      const deployment = azure.deployment(target, creds);
      return { url: deploymentUrl(creds, deployment, `/${path}`), headers: { "api-key": creds.apiKey }, model: deployment, untrusted: untrustedEndpoint(target) };
    }
    default:
      return { ok: false, kind: "client", status: 400, message: `${target.provider.name} does not offer /v1/${path}.`, code: "endpoint_not_supported", param: "model", retryAfter: null };
  }
}
