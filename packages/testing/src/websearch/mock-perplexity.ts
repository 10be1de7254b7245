// Perplexity's Search API wire format: Bearer key, POST /search, errors as
// {error: {message, type, code}}. The body is checked against the Search API's request type in
// Perplexity's SDK (ApiSearchRequestInput): its fields, max_results 1..20, max_tokens and
// max_tokens_per_page 1..1,000,000, search_domain_filter at most 20 entries, and the
// search_recency_filter, search_context_size, search_mode and search_type enums.
import { randomUUID } from "node:crypto";
import { bearer, count, type MockFormat } from "./mock-format.ts";
import { isoDay, mockHits } from "./mock-hits.ts";
import { check, integerIn, known, ofType, oneOf, stringList, type Rule } from "./mock-validate.ts";

const ERRORS: Record<number, [type: string, message: string]> = {
  400: ["invalid_request_error", "query is required"],
  401: ["authentication_error", "Invalid API key"],
  403: ["permission_error", "This API key is not allowed to use the Search API"],
  404: ["not_found_error", "Not found"],
  429: ["rate_limit_error", "Rate limit exceeded"],
  500: ["api_error", "Internal server error"],
};

const SEARCH_FIELDS = [
  "query", "max_results", "max_tokens", "max_tokens_per_page", "search_domain_filter", "search_language_filter", "search_recency_filter",
  "search_after_date_filter", "search_before_date_filter", "last_updated_after_filter", "last_updated_before_filter", "search_context_size",
  "search_mode", "search_type", "country", "display_server_time",
];

/** One query, or several (multi-query search): non-empty strings either way. */
const queries: Rule = ({ query }) => {
  const list = Array.isArray(query) ? query : [query];
  return list.length > 0 && list.every((q) => typeof q === "string" && q.trim() !== "") ? undefined : "query is required: a non-empty string or array of strings";
};

const SEARCH_RULES = [
  known(SEARCH_FIELDS),
  queries,
  integerIn("max_results", 1, 20),
  integerIn("max_tokens", 1, 1_000_000),
  integerIn("max_tokens_per_page", 1, 1_000_000),
  stringList("search_domain_filter", 20),
  stringList("search_language_filter", 20),
  oneOf("search_recency_filter", ["hour", "day", "week", "month", "year"]),
  oneOf("search_context_size", ["low", "medium", "high"]),
  oneOf("search_mode", ["web", "academic", "sec"]),
  oneOf("search_type", ["web", "people"]),
  ...["country", "search_after_date_filter", "search_before_date_filter", "last_updated_after_filter", "last_updated_before_filter"].map((name) => ofType(name, "string")),
  ofType("display_server_time", "boolean"),
];

export const perplexityFormat: MockFormat = {
  key: bearer,
  routes: {
    "POST /search": ({ body }) => {
      check(body, SEARCH_RULES);
      const query = (Array.isArray(body.query) ? body.query[0] : body.query) as string;
      return {
        id: randomUUID(),
        results: mockHits(query, count(body.max_results, 10)).map((hit) => ({
          title: hit.title,
          url: hit.url,
          snippet: hit.snippet,
          date: isoDay(hit.published),
          last_updated: isoDay(hit.published),
        })),
        server_time: null,
      };
    },
  },
  errorBody: (status, message) => {
    const [type, message_] = ERRORS[status] ?? ERRORS[500]!;
    return { error: { message: message ?? message_, type, code: String(status) } };
  },
};
