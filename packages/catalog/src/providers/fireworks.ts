import { defineOpenAICompatible } from "../define.ts";

// Unconfirmed: that GET /inference/v1/models needs a key, and stream_options support.
export default defineOpenAICompatible({
  id: "fireworks",
  name: "Fireworks AI",
  baseUrl: "https://api.fireworks.ai/inference/v1",
  supports: { embeddings: true },
  docsUrl: "https://docs.fireworks.ai/tools-sdks/openai-compatibility",
});
