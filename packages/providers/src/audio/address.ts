// Where an audio request goes (endpoint-address.ts): OpenAI-compatible providers (OpenAI, Groq)
// at `${baseUrl}/audio/<path>`; Azure OpenAI on a deployment (learn.microsoft.com "Azure OpenAI
// REST reference": POST {endpoint}/openai/deployments/{deployment}/audio/{transcriptions|
// translations|speech}?api-version=…, or {endpoint}/openai/v1/audio/… with the deployment as
// `model`). The deployment is the credentials' optional `speechDeploymentName` (speech) or
// `transcriptionDeploymentName` (transcriptions and translations), else one named after the model.
import { deploymentFor } from "../azure/credentials.ts";
import { endpointAddress, type EndpointAddress } from "../endpoint-address.ts";
import type { UpstreamFailure, UpstreamTarget } from "../types.ts";

export type AudioPath = "speech" | "transcriptions" | "translations";
export type AudioAddress = EndpointAddress;

export function audioAddress(target: UpstreamTarget, path: AudioPath): AudioAddress | UpstreamFailure {
  const field = path === "speech" ? "speechDeploymentName" : "transcriptionDeploymentName";
  return endpointAddress(target, `audio/${path}`, { needsDeployment: false, deployment: (t) => deploymentFor(t, field) });
}
