import { defineOpenAICompatible } from "../define.ts";

// Sarvam prefers an api-subscription-key header but documents "Authorization: Bearer" as
// accepted on all endpoints. GET /models answers without a key, so validation is a one-token
// chat. The v1 chat parameters list max_tokens only and no stream_options (unconfirmed whether
// stream_options is rejected, so it is not sent).
export default defineOpenAICompatible({
  id: "sarvam",
  name: "Sarvam AI",
  baseUrl: "https://api.sarvam.ai/v1",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "sarvam-105b", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  quirks: { streamUsage: false, maxTokensOnly: true },
  docsUrl: "https://docs.sarvam.ai/api-reference-docs/chat/chat-completions",
});
