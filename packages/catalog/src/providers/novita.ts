import { defineOpenAICompatible } from "../define.ts";

// https://api.novita.ai/openai/v1 is the documented base; https://api.novita.ai/v3/openai is
// the older one. A bad key gets 401 FAILED_TO_AUTH from GET /models.
export default defineOpenAICompatible({
  id: "novita",
  name: "Novita AI",
  baseUrl: "https://api.novita.ai/openai/v1",
  docsUrl: "https://novita.ai/docs/guides/llm-api",
});
