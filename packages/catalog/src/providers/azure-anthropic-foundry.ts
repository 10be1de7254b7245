import { jsonCredentials } from "../credentials.ts";
import type { ProviderDefinition } from "../types.ts";

// Claude on Microsoft Foundry speaks Anthropic's Messages API at
// https://{resource}.services.ai.azure.com/anthropic/v1/messages with the Foundry key in
// x-api-key (Foundry also takes Entra ID bearer tokens; Switchyard uses the key), and `model` is the deployment's name
// (https://platform.claude.com/docs/en/build-with-claude/claude-in-microsoft-foundry; the
// official @anthropic-ai/foundry-sdk builds the same URL and header). The endpoint comes from the
// tenant's credentials {endpoint, apiKey}: the host below is a placeholder, only its path is used.
// Foundry lists no models endpoint we could confirm, so the key check is a 1-token message to a
// deployment named like the catalog's Haiku (`claude-haiku-4-5`).
const azureAnthropicFoundry: ProviderDefinition = {
  id: "azure-anthropic-foundry",
  name: "Claude on Microsoft Foundry",
  protocol: "anthropic",
  baseUrl: "https://resource.services.ai.azure.com/anthropic/v1",
  auth: { header: "x-api-key", prefix: "" },
  headers: { "anthropic-version": "2023-06-01" },
  credentials: "json",
  credentialFields: jsonCredentials["azure-anthropic-foundry"],
  customBaseUrl: false,
  validation: { method: "POST", path: "/messages", body: { model: "claude-haiku-4-5", max_tokens: 1, messages: [{ role: "user", content: "ping" }] } },
  quirks: { streamUsage: true },
  docsUrl: "https://learn.microsoft.com/azure/foundry/foundry-models/how-to/use-foundry-models-claude",
};

export default azureAnthropicFoundry;
