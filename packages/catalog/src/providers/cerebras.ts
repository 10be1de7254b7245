import { defineOpenAICompatible } from "../define.ts";

// Listed as unsupported (400) by Cerebras' OpenAI-compatibility notes: frequency_penalty,
// logit_bias, presence_penalty, parallel_tool_calls, service_tier.
// stream_options.include_usage support is not confirmed in the docs read; kept on.
export default defineOpenAICompatible({
  id: "cerebras",
  name: "Cerebras",
  baseUrl: "https://api.cerebras.ai/v1",
  quirks: { dropParams: ["frequency_penalty", "logit_bias", "presence_penalty", "parallel_tool_calls", "service_tier"] },
  docsUrl: "https://inference-docs.cerebras.ai/resources/openai",
});
