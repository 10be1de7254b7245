import { jsonCredentials } from "../credentials.ts";
import type { ProviderDefinition } from "../types.ts";

// Amazon Bedrock through the Converse API (protocol "bedrock", adapter in
// packages/providers/src/bedrock). Requests are signed with AWS SigV4 (signing name "bedrock")
// from the key's JSON credentials {accessKeyId, secretAccessKey, region, sessionToken?}: there is
// no API-key header, so `auth` below is informational. The base URL is a template: the adapter
// fills `{region}` from the credentials. An operator override (SWITCHYARD_PROVIDER_AWS_BASE_URL,
// e.g. a VPC endpoint, a proxy or a test double) replaces it and may use `{region}` too; the key
// check then goes to the same root. The key check is ListFoundationModels
// (GET https://bedrock.{region}.amazonaws.com/foundation-models), free; a key whose policy allows
// inference only is still accepted (AWS authenticated it and answered AccessDeniedException).
const aws: ProviderDefinition = {
  id: "aws",
  name: "Amazon Bedrock",
  aliases: ["bedrock"],
  protocol: "bedrock",
  baseUrl: "https://bedrock-runtime.{region}.amazonaws.com",
  auth: { header: "authorization", prefix: "AWS4-HMAC-SHA256 " },
  credentials: "json",
  credentialFields: jsonCredentials.aws,
  // Embeddings (Titan Text Embeddings, Cohere Embed) through InvokeModel.
  supports: { embeddings: true },
  customBaseUrl: false,
  validation: { method: "GET", path: "/foundation-models?byOutputModality=TEXT" },
  quirks: { streamUsage: true },
  docsUrl: "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html",
};

export default aws;
