import { defineOpenAICompatible } from "../define.ts";

// Keys (cpk_…) go in Authorization: Bearer; X-API-Key is ignored by the inference host.
// GET /models answers without a key, so validation is a one-token chat on the cheapest model of
// the public roster (2026-09-28). stream_options: Chutes serves vLLM/SGLang templates, which
// accept include_usage (not confirmed in Chutes' own docs).
export default defineOpenAICompatible({
  id: "chutes",
  name: "Chutes",
  baseUrl: "https://llm.chutes.ai/v1",
  validation: {
    method: "POST",
    path: "/chat/completions",
    body: { model: "unsloth/Mistral-Nemo-Instruct-2407-TEE", messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
  },
  docsUrl: "https://chutes.ai/docs",
});
