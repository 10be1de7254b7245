import { defineOpenAICompatible } from "../define.ts";

// Groq documents these fields as "not supported and will result in a 400 error": logprobs,
// logit_bias, top_logprobs (also messages[].name and n != 1, which cannot be dropped safely).
// stream_options.include_usage support is not confirmed in the docs read; kept on.
export default defineOpenAICompatible({
  id: "groq",
  name: "Groq",
  baseUrl: "https://api.groq.com/openai/v1",
  quirks: { dropParams: ["logprobs", "logit_bias", "top_logprobs"] },
  // Whisper transcriptions and translations; the catalog lists no Groq text-to-speech model.
  supports: { transcription: true },
  docsUrl: "https://console.groq.com/docs/openai",
});
