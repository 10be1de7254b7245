import { defineOpenAICompatible } from "../define.ts";

// Vercel AI Gateway's OpenAI-compatible API. The optional app-attribution headers
// (http-referer, x-title) are documented at https://vercel.com/docs/ai-gateway/app-attribution.
// Whether GET /models needs a key is not confirmed, so validation is a one-token chat.
// stream_options.include_usage support is not confirmed in the docs read; kept on.
export default defineOpenAICompatible({
  id: "vercel",
  name: "Vercel AI Gateway",
  baseUrl: "https://ai-gateway.vercel.sh/v1",
  headers: { "http-referer": "https://github.com/switchyard", "x-title": "Switchyard" },
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  docsUrl: "https://vercel.com/docs/ai-gateway/sdks-and-apis/openai-chat-completions",
});
