import { defineOpenAICompatible } from "../define.ts";

// Moonshot AI's international platform (China: https://api.moonshot.cn/v1). GET /models answers
// 401 without a key. Unconfirmed: max_completion_tokens support (sent as max_tokens to be safe)
// and stream_options.include_usage support.
export default defineOpenAICompatible({
  id: "moonshot",
  name: "Moonshot AI (Kimi)",
  baseUrl: "https://api.moonshot.ai/v1",
  quirks: { maxTokensOnly: true },
  docsUrl: "https://platform.moonshot.ai/docs/api/chat",
});
