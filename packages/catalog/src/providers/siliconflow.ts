import { defineOpenAICompatible } from "../define.ts";

// The global endpoint (api.siliconflow.com); mainland China uses api.siliconflow.cn.
// GET /models answers 401 "Token is invalid." without a key.
// stream_options.include_usage support is not confirmed in the docs read; kept on.
export default defineOpenAICompatible({
  id: "siliconflow",
  name: "SiliconFlow",
  baseUrl: "https://api.siliconflow.com/v1",
  docsUrl: "https://docs.siliconflow.com/en/api-reference/chat-completions/chat-completions",
});
