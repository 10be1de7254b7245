// Where an images request goes (endpoint-address.ts): OpenAI-compatible providers (OpenAI,
// DeepInfra…) at `${baseUrl}/images/<operation>`; Azure OpenAI on the key's deployment
// (learn.microsoft.com "Azure OpenAI REST reference": POST {endpoint}/openai/deployments/
// {deployment}/images/{generations|edits}?api-version=…, or {endpoint}/openai/v1/images/… with
// the deployment as `model`).
import { endpointAddress, type EndpointAddress } from "../endpoint-address.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export type ImagesOperation = "generations" | "edits";
export type ImagesAddress = EndpointAddress;

export function imagesAddress(target: UpstreamTarget, operation: ImagesOperation): ImagesAddress | UpstreamFailure {
  return endpointAddress(target, `images/${operation}`, { needsDeployment: true, deployment: (_t, creds) => creds.deploymentName });
}
