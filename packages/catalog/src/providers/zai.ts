import { defineOpenAICompatible } from "../define.ts";

// Z.AI's global endpoint (mainland China: https://open.bigmodel.cn/api/paas/v4).
// The documented parameters are max_tokens (no max_completion_tokens) and no stream_options;
// no models-list endpoint was found, so validation is a one-token chat on the free glm-4.5-flash.
export default defineOpenAICompatible({
  id: "zai",
  name: "Z.AI",
  baseUrl: "https://api.z.ai/api/paas/v4",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "glm-4.5-flash", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  quirks: { streamUsage: false, maxTokensOnly: true },
  docsUrl: "https://docs.z.ai/api-reference/llm/chat-completion",
});
