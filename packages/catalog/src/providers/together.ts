import { defineOpenAICompatible } from "../define.ts";

export default defineOpenAICompatible({
  id: "together",
  name: "Together AI",
  baseUrl: "https://api.together.xyz/v1",
  supports: { embeddings: true, images: true },
  docsUrl: "https://docs.together.ai/docs/openai-api-compatibility",
});
