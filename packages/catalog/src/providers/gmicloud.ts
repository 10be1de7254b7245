import { defineOpenAICompatible } from "../define.ts";

// GET /models answers 401 without a key. stream_options support is not confirmed.
export default defineOpenAICompatible({
  id: "gmicloud",
  name: "GMI Cloud",
  baseUrl: "https://api.gmi-serving.com/v1",
  docsUrl: "https://docs.gmicloud.ai",
});
