// Tavily's wire format: Bearer key, POST /search, GET /usage, errors as {detail: {error}}.
// The search body is checked against Tavily's API reference
// (https://docs.tavily.com/documentation/api-reference/endpoint/search): its fields, types,
// max_results 0..20, and the search_depth, topic and time_range enums.
import { bearer, count, requestId, text, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";
import { check, integerIn, known, ofType, oneOf, requiredText, stringList } from "./mock-validate.ts";

const MESSAGES: Record<number, string> = {
  400: "Invalid request: query is required.",
  401: "Unauthorized: missing or invalid API key.",
  403: "Forbidden: this API key is not allowed to make this request.",
  404: "Not Found",
  429: "Your request has been blocked due to excessive requests. Please reduce rate of requests.",
  500: "Internal Server Error",
};

const SEARCH_FIELDS = [
  "query", "auto_parameters", "topic", "search_depth", "chunks_per_source", "max_results", "time_range", "days", "start_date", "end_date",
  "include_answer", "include_raw_content", "include_images", "include_image_descriptions", "include_favicon", "include_domains", "exclude_domains",
  "country", "exact_match", "include_usage", "safe_search",
];

const SEARCH_RULES = [
  known(SEARCH_FIELDS),
  requiredText("query"),
  oneOf("search_depth", ["basic", "advanced", "fast", "ultra-fast"]),
  oneOf("topic", ["general", "news", "finance"]),
  oneOf("time_range", ["day", "week", "month", "year", "d", "w", "m", "y"]),
  integerIn("max_results", 0, 20),
  integerIn("chunks_per_source", 1, 3),
  stringList("include_domains", 300),
  stringList("exclude_domains", 150),
  ...["auto_parameters", "include_images", "include_image_descriptions", "include_favicon", "exact_match", "include_usage", "safe_search"].map((name) => ofType(name, "boolean")),
  ...["start_date", "end_date", "country"].map((name) => ofType(name, "string")),
];

export const tavilyFormat: MockFormat = {
  key: bearer,
  routes: {
    "POST /search": ({ body }) => {
      check(body, SEARCH_RULES);
      const query = text(body.query)!;
      return {
        query,
        follow_up_questions: null,
        answer: null,
        images: [],
        results: mockHits(query, count(body.max_results, 5)).map((hit) => ({ title: hit.title, url: hit.url, content: hit.snippet, score: hit.score, raw_content: null })),
        response_time: 0.42,
        request_id: requestId(),
      };
    },
    "GET /usage": () => ({
      key: { usage: 150, limit: null },
      account: { current_plan: "Researcher", plan_usage: 150, plan_limit: 1000, paygo_usage: 0, paygo_limit: null },
    }),
  },
  errorBody: (status, message) => ({ detail: { error: message ?? MESSAGES[status] ?? MESSAGES[500] } }),
};
