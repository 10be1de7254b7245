import { defineOpenAICompatible } from "../define.ts";

// stream_options support is not confirmed.
export default defineOpenAICompatible({
  id: "hyperbolic",
  name: "Hyperbolic",
  baseUrl: "https://api.hyperbolic.xyz/v1",
  docsUrl: "https://docs.hyperbolic.xyz/docs/getting-started",
});
