// Where an images request goes (endpoint-address.ts): OpenAI-compatible providers (OpenAI,
// DeepInfra…) at `${baseUrl}/images/<operation>`; Azure OpenAI on a deployment
// (learn.microsoft.com "Azure OpenAI REST reference": POST {endpoint}/openai/deployments/
// {deployment}/images/{generations|edits}?api-version=…, or {endpoint}/openai/v1/images/… with
// the deployment as `model`). The deployment is the credentials' optional `imageDeploymentName`,
// else one named after the model (never the chat `deploymentName`: that one serves chat).
import { deploymentFor } from "../azure/credentials.ts";
import { endpointAddress, type EndpointAddress } from "../endpoint-address.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export type ImagesOperation = "generations" | "edits";
export type ImagesAddress = EndpointAddress;

export function imagesAddress(target: UpstreamTarget, operation: ImagesOperation): ImagesAddress | UpstreamFailure {
  return endpointAddress(target, `images/${operation}`, { needsDeployment: false, deployment: (t) => deploymentFor(t, "imageDeploymentName") });
}
