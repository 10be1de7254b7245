import { jsonCredentials } from "../credentials.ts";
import type { ProviderDefinition } from "../types.ts";

// Azure OpenAI chat completions on one deployment: POST
// {endpoint}/openai/deployments/{deploymentName}/chat/completions?api-version={apiVersion} with the
// key in `api-key` (learn.microsoft.com/azure/ai-foundry/openai/reference); apiVersion "v1" uses
// {endpoint}/openai/v1/chat/completions instead. Endpoint, key, deployment and API version come
// from the key's JSON credentials: the host below is a placeholder, never called. The deployment
// decides the model, so `azure/<model>` (or x-byok-provider: azure) sends the request to the key's
// deployment and prices it as the named catalog model. An API key cannot list or read deployments,
// so the key check is a one-token completion on the deployment (`max_completion_tokens`, which
// API versions from 2024-09-01-preview accept; older ones get `max_tokens`).
const azure: ProviderDefinition = {
  id: "azure",
  name: "Azure OpenAI",
  protocol: "azure",
  baseUrl: "https://resource.openai.azure.com/openai",
  auth: { header: "api-key", prefix: "" },
  credentials: "json",
  credentialFields: jsonCredentials.azure,
  supports: { embeddings: true, images: true, speech: true, transcription: true, realtime: true },
  customBaseUrl: false,
  validation: { method: "POST", path: "/chat/completions", body: { messages: [{ role: "user", content: "ping" }], max_completion_tokens: 1 } },
  // Usage on streams needs stream_options (API versions from 2024-09-01-preview); the adapter
  // leaves it out for older versions and the gateway then estimates.
  quirks: { streamUsage: true },
  docsUrl: "https://learn.microsoft.com/azure/ai-foundry/openai/reference",
};

export default azure;
