import { defineOpenAICompatible } from "../define.ts";

// NVIDIA NIM APIs on build.nvidia.com (keys nvapi-…, free developer tier, ~40 requests/minute).
// Unconfirmed: whether GET /models needs a key, so validation is a one-token chat.
export default defineOpenAICompatible({
  id: "nvidia",
  name: "NVIDIA NIM",
  baseUrl: "https://integrate.api.nvidia.com/v1",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "meta/llama-3.3-70b-instruct", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  docsUrl: "https://docs.api.nvidia.com/nim/reference/llm-apis",
});
