// Where Bedrock requests go. The catalog's base URL is a template,
// `https://bedrock-runtime.{region}.amazonaws.com` (AWS's endpoint rule for the commercial
// partition), and the region comes from the credentials. An operator base URL
// (SWITCHYARD_PROVIDER_AWS_BASE_URL: a proxy, a VPC endpoint, or a test double) replaces it and
// may use `{region}` too. Paths follow the Bedrock Runtime REST API (restJson1):
//   POST /model/{modelId}/converse          Converse
//   POST /model/{modelId}/converse-stream   ConverseStream (application/vnd.amazon.eventstream)
// Key checks use the control-plane API of the same region, `bedrock.{region}`:
//   GET /foundation-models                  ListFoundationModels
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
//  https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html)

export function runtimeRoot(baseUrl: string, region: string): string {
  return baseUrl.replaceAll("{region}", region).replace(/\/+$/, "");
}

/** The control-plane root: AWS's `bedrock-runtime.` host becomes `bedrock.`; any other root (a proxy, a mock) serves both. */
export function controlRoot(runtime: string): string {
  return runtime.replace(/^(https?:\/\/)bedrock-runtime(-fips)?\./, "$1bedrock$2.");
}

/**
 * The model id as one path segment. Inference profiles and ARNs carry `:` and `/`
 * (`us.anthropic.claude-…-v1:0`, `arn:aws:bedrock:…:inference-profile/…`): encoded like the AWS
 * SDKs' extendedEncodeURIComponent. SigV4 encodes the path once more for its canonical form.
 */
export function modelPath(modelId: string, stream: boolean): string {
  const segment = encodeURIComponent(modelId).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `/model/${segment}/${stream ? "converse-stream" : "converse"}`;
}
