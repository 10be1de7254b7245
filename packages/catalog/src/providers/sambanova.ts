import { defineOpenAICompatible } from "../define.ts";

// SambaCloud's clients document stream_options "include usage to get generation metrics".
export default defineOpenAICompatible({
  id: "sambanova",
  name: "SambaNova",
  baseUrl: "https://api.sambanova.ai/v1",
  docsUrl: "https://docs.sambanova.ai/docs/en/features/openai-compatibility",
});
