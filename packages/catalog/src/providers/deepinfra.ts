import { defineOpenAICompatible } from "../define.ts";

// Unconfirmed: whether GET /models needs a key, so validation is a one-token chat.
export default defineOpenAICompatible({
  id: "deepinfra",
  name: "DeepInfra",
  baseUrl: "https://api.deepinfra.com/v1/openai",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "meta-llama/Llama-3.3-70B-Instruct-Turbo", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  supports: { embeddings: true, images: true },
  docsUrl: "https://deepinfra.com/docs/openai_api",
});
