import { defineOpenAICompatible } from "../define.ts";

// DeepSeek documents https://api.deepseek.com and, equivalently, https://api.deepseek.com/v1
// ("the v1 has no relationship with the model's version"). Its chat parameters name only
// max_tokens, so max_completion_tokens is sent as max_tokens.
export default defineOpenAICompatible({
  id: "deepseek",
  name: "DeepSeek",
  baseUrl: "https://api.deepseek.com/v1",
  quirks: { maxTokensOnly: true },
  docsUrl: "https://api-docs.deepseek.com/api/create-chat-completion",
});
