import { defineOpenAICompatible } from "../define.ts";

// /models is public on OpenRouter, so it cannot tell a good key from a bad one; GET /key
// answers 401 for a bad key and the key's limits for a good one.
// Attribution headers are optional (https://openrouter.ai/docs/app-attribution); the docs now
// also name X-OpenRouter-Title and keep X-Title "for backwards compatibility".
// stream_options.include_usage is accepted (documented as deprecated, no effect: usage is
// always sent on streams).
export default defineOpenAICompatible({
  id: "openrouter",
  name: "OpenRouter",
  baseUrl: "https://openrouter.ai/api/v1",
  headers: { "HTTP-Referer": "https://github.com/switchyard", "X-Title": "Switchyard" },
  validation: { method: "GET", path: "/key" },
  docsUrl: "https://openrouter.ai/docs/api-reference/overview",
});
