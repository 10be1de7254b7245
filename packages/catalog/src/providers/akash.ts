import { defineOpenAICompatible } from "../define.ts";

// AkashML, Akash Network's managed inference (paid, credits). The older free AkashChat API
// (https://chatapi.akash.network/api/v1) is not used: AkashML is the documented product now.
// GET /v1/models is documented with Bearer auth. stream_options support is not confirmed.
export default defineOpenAICompatible({
  id: "akash",
  name: "AkashML",
  baseUrl: "https://api.akashml.com/v1",
  docsUrl: "https://playground.akashml.com/docs/getting-started/introduction",
});
