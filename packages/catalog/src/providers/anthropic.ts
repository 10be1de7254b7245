import type { ProviderDefinition } from "../types.ts";

// Anthropic's Messages API (protocol "anthropic"): POST {baseUrl}/messages with x-api-key and
// anthropic-version: 2023-06-01 (https://platform.claude.com/docs/en/api/overview). The key
// check is GET /v1/models, which lists models for a valid key and answers 401
// authentication_error otherwise (https://platform.claude.com/docs/en/api/models-list).
const anthropic: ProviderDefinition = {
  id: "anthropic",
  name: "Anthropic",
  protocol: "anthropic",
  baseUrl: "https://api.anthropic.com/v1",
  auth: { header: "x-api-key", prefix: "" },
  headers: { "anthropic-version": "2023-06-01" },
  credentials: "key",
  customBaseUrl: true,
  validation: { method: "GET", path: "/models" },
  quirks: { streamUsage: true },
  docsUrl: "https://platform.claude.com/docs/en/api/messages/create",
};

export default anthropic;
