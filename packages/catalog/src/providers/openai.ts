import { defineOpenAICompatible } from "../define.ts";

export default defineOpenAICompatible({
  id: "openai",
  name: "OpenAI",
  baseUrl: "https://api.openai.com/v1",
  supports: { embeddings: true, speech: true, transcription: true, images: true, realtime: true },
  docsUrl: "https://platform.openai.com/docs/api-reference/chat",
});
