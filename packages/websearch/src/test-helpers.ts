// Shared setup for the adapter tests: one mock upstream and one HTTP client per test file.
import { createUpstreamHttp, parseAllowlist, type UpstreamHttp } from "@switchyard/providers";
import { afterAll, beforeAll } from "vitest";
import { startMockSearchUpstream, type MockSearchUpstream, type RecordedSearchRequest } from "@switchyard/testing";
import type { SearchProviderId, SearchRequest, SearchTarget } from "./types.ts";

export interface SearchTestContext {
  mock: MockSearchUpstream;
  http: UpstreamHttp;
  target(provider: SearchProviderId, apiKey: string): SearchTarget;
  /** The last request the mock received. */
  last(): RecordedSearchRequest;
}

export function useMockSearch(): SearchTestContext {
  const ctx = {
    target: (provider: SearchProviderId, apiKey: string) => ({ baseUrl: ctx.mock.baseUrl(provider), apiKey, untrustedUrl: false }),
    last: () => ctx.mock.requests.at(-1)!,
  } as SearchTestContext;
  beforeAll(async () => {
    ctx.mock = await startMockSearchUpstream();
    ctx.http = createUpstreamHttp({ headersTimeoutMs: 5000, bodyTimeoutMs: 5000, allowlist: parseAllowlist([]) });
  });
  afterAll(async () => {
    await ctx.http.close();
    await ctx.mock.close();
  });
  return ctx;
}

export const signal = (): AbortSignal => new AbortController().signal;

export const request = (over: Partial<SearchRequest> = {}): SearchRequest => ({ query: "solar panels", maxResults: 3, depth: "basic", ...over });

/** The search params of a recorded GET request's path. */
export const queryOf = (recorded: RecordedSearchRequest): URLSearchParams => new URL(recorded.path, "http://mock").searchParams;
