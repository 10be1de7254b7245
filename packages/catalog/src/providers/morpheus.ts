import { defineOpenAICompatible } from "../define.ts";

// The hosted Morpheus Inference API (API gateway to the Morpheus marketplace). The API key
// (sk-…) is documented for inference and model listings. stream_options support is not confirmed.
export default defineOpenAICompatible({
  id: "morpheus",
  name: "Morpheus",
  baseUrl: "https://api.mor.org/api/v1",
  docsUrl: "https://apidocs.mor.org/api-reference/introduction",
});
