import { defineOpenAICompatible } from "../define.ts";

// Base URL from MegaNova's official SDK (default https://api.meganova.ai/v1).
// Unconfirmed: whether GET /models needs a key (validation is a one-token chat instead) and
// whether stream_options.include_usage is accepted.
export default defineOpenAICompatible({
  id: "meganova",
  name: "MegaNova",
  baseUrl: "https://api.meganova.ai/v1",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "meta-llama/Llama-3.3-70B-Instruct", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  docsUrl: "https://docs.meganova.ai",
});
