// Google AI Studio: the Gemini API (generateContent), a native protocol. The base URL is the
// root: the adapter appends `/v1beta/models/{model}:generateContent`, so an organization's own
// base URL (a proxy) is a root too. Key in the x-goog-api-key header (https://ai.google.dev/api).
import type { ProviderDefinition } from "../types.ts";

const google: ProviderDefinition = {
  id: "google",
  name: "Google AI Studio",
  aliases: ["google-ai-studio"],
  protocol: "google",
  baseUrl: "https://generativelanguage.googleapis.com",
  auth: { header: "x-goog-api-key", prefix: "" },
  credentials: "key",
  // Embeddings through models/{model}:batchEmbedContents (https://ai.google.dev/api/embeddings).
  supports: { embeddings: true },
  customBaseUrl: true,
  // models.list: the cheapest authenticated call (https://ai.google.dev/api/models#method:-models.list).
  validation: { method: "GET", path: "/v1beta/models?pageSize=1" },
  // The adapter always reports usage (usageMetadata rides on every streamed response).
  quirks: { streamUsage: true },
  docsUrl: "https://ai.google.dev/api/generate-content",
};

export default google;
