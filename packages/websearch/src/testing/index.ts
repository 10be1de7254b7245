export { startMockSearchUpstream, type MockSearchUpstream, type RecordedSearchRequest } from "./mock-search-upstream.ts";
