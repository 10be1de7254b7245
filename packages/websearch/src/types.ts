// The provider-neutral shapes: one request, one result, one typed failure, and the adapter
// interface every web-search provider implements.
import type { SearchProviderId } from "@switchyard/catalog";
import type { UpstreamHttp } from "@switchyard/providers";
import type { ExaMode } from "./exa.ts";

export type { ExaMode, SearchProviderId };

export type Recency = "day" | "week" | "month" | "year";

export interface SearchRequest {
  query: string;
  /** 1..20 (every provider accepts that range). */
  maxResults: number;
  depth: "basic" | "advanced";
  includeDomains?: string[];
  excludeDomains?: string[];
  recency?: Recency;
  /** Exa's search type; without it depth picks one. */
  exaMode?: ExaMode;
}

export interface SearchResult {
  title: string;
  url: string;
  snippet: string;
  publishedDate?: string;
  score?: number;
  provider: SearchProviderId;
}

export type SearchFailureKind = "auth" | "forbidden" | "rate_limit" | "server" | "timeout" | "connection" | "client";

export interface SearchFailure {
  ok: false;
  kind: SearchFailureKind;
  /** Upstream HTTP status, or the gateway's (502 connection, 504 timeout). */
  status: number;
  /** Safe to show to the customer: never contains the API key. */
  message: string;
  retryAfter: string | null;
}

export type SearchOutcome = { ok: true; results: SearchResult[] } | SearchFailure;

/** Where a call goes and with which key. The key never leaves this object except as the auth header. */
export interface SearchTarget {
  baseUrl: string;
  apiKey: string;
  /** A customer-supplied URL: connect only to public addresses unless allow-listed. */
  untrustedUrl: boolean;
}

export interface SearchProvider {
  id: SearchProviderId;
  name: string;
  docsUrl: string;
  defaultBaseUrl: string;
  /** `http` is created once by the caller (createUpstreamHttp from @switchyard/providers) with its timeouts. */
  search(http: UpstreamHttp, target: SearchTarget, request: SearchRequest, signal: AbortSignal): Promise<SearchOutcome>;
  /** The smallest cheap request proving a key works (used before a key is saved). */
  validateKey(http: UpstreamHttp, target: SearchTarget, signal: AbortSignal): Promise<{ ok: true } | SearchFailure>;
}
