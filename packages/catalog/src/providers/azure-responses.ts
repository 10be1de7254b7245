import { jsonCredentials } from "../credentials.ts";
import type { ProviderDefinition } from "../types.ts";

// Azure OpenAI's Responses API: POST {endpoint}/openai/v1/responses (apiVersion "v1", GA since
// August 2025; "preview" adds ?api-version=preview) or, with a dated version such as
// 2025-04-01-preview, {endpoint}/openai/responses?api-version=… — key in `api-key`, and `model` is a
// deployment name (learn.microsoft.com/azure/ai-foundry/openai/how-to/responses and
// api-version-lifecycle). The catalog model id is sent as the deployment name, so deployments
// must be named after their models (the portal's default). The endpoint comes from the key's JSON
// credentials: the host below is a placeholder. Key check: GET …/openai/v1/models (or
// /openai/models?api-version=…).
const azureResponses: ProviderDefinition = {
  id: "azure-responses",
  name: "Azure OpenAI (Responses API)",
  protocol: "azure-responses",
  baseUrl: "https://resource.openai.azure.com/openai/v1",
  auth: { header: "api-key", prefix: "" },
  credentials: "json",
  credentialFields: jsonCredentials["azure-responses"],
  customBaseUrl: false,
  validation: { method: "GET", path: "/models" },
  // Usage always arrives with response.completed.
  quirks: { streamUsage: true },
  docsUrl: "https://learn.microsoft.com/azure/ai-foundry/openai/how-to/responses",
};

export default azureResponses;
