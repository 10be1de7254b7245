export { startMockUpstream, requestKey, DEFAULT_MODELS } from "./mock-upstream.ts";
export type { Behaviour, MockError, MockScript, MockToolCall, MockUpstream, MockUpstreamOptions, MockUsage, RecordedRequest } from "./mock-types.ts";
export { mockUpstreamCli, MOCK_UPSTREAM_USAGE } from "./mock-cli.ts";
export { sampleFromSchema } from "./mock-json-schema.ts";
