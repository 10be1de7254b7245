import type { ProviderDefinition } from "../types.ts";

// OpenAI through its Responses API (POST https://api.openai.com/v1/responses, Bearer key;
// https://platform.openai.com/docs/api-reference/responses): the same models and prices as
// `openai`, for clients that want Responses-only behaviour (reasoning summaries as
// reasoning_content) while speaking chat completions. An organization's key may name a proxy root
// (the /v1 version path is appended). Key check: GET /v1/models.
const openaiResponses: ProviderDefinition = {
  id: "openai-responses",
  name: "OpenAI (Responses API)",
  protocol: "openai-responses",
  baseUrl: "https://api.openai.com/v1",
  auth: { header: "authorization", prefix: "Bearer " },
  credentials: "key",
  customBaseUrl: true,
  validation: { method: "GET", path: "/models" },
  // Usage always arrives with response.completed.
  quirks: { streamUsage: true },
  docsUrl: "https://platform.openai.com/docs/api-reference/responses",
};

export default openaiResponses;
