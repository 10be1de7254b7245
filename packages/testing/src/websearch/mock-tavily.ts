// Tavily's wire format: Bearer key, POST /search, GET /usage, errors as {detail: {error}}.
import { bearer, count, requestId, text, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";

const MESSAGES: Record<number, string> = {
  400: "Invalid request: query is required.",
  401: "Unauthorized: missing or invalid API key.",
  403: "Forbidden: this API key is not allowed to make this request.",
  404: "Not Found",
  429: "Your request has been blocked due to excessive requests. Please reduce rate of requests.",
  500: "Internal Server Error",
};

export const tavilyFormat: MockFormat = {
  key: bearer,
  routes: {
    "POST /search": ({ body }) => {
      const query = text(body.query);
      if (!query) return undefined;
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
  errorBody: (status) => ({ detail: { error: MESSAGES[status] ?? MESSAGES[500] } }),
};
