export type { ChatAdapter, ChatUpstreamRequest, KeySource, StreamEvents, UpstreamFailure, UpstreamFailureKind, UpstreamOutcome, UpstreamTarget } from "./types.ts";
export { isRetryable } from "./types.ts";
export { createUpstreamHttp, type HttpSettings, type UpstreamHttp } from "./http.ts";
export { assertUpstreamUrl, guardedLookup, isPublicAddress, parseAllowlist, type Allowlist } from "./ssrf.ts";
export { StreamInterruptedError } from "./sse.ts";
export { createAdapterRegistry, type AdapterRegistry } from "./registry.ts";
export { buildDirectory, type OperatorProviderSettings, type ProviderDirectory, type ProviderEntry } from "./directory.ts";
export { withVersionPath } from "./base-url.ts";
