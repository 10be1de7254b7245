// Perplexity's Search API wire format: Bearer key, POST /search, errors as
// {error: {message, type, code}}.
import { randomUUID } from "node:crypto";
import { bearer, count, text, type MockFormat } from "./mock-format.ts";
import { isoDay, mockHits } from "./mock-hits.ts";

const ERRORS: Record<number, [type: string, message: string]> = {
  400: ["invalid_request_error", "query is required"],
  401: ["authentication_error", "Invalid API key"],
  403: ["permission_error", "This API key is not allowed to use the Search API"],
  404: ["not_found_error", "Not found"],
  429: ["rate_limit_error", "Rate limit exceeded"],
  500: ["api_error", "Internal server error"],
};

export const perplexityFormat: MockFormat = {
  key: bearer,
  routes: {
    "POST /search": ({ body }) => {
      const query = text(body.query);
      if (!query) return undefined;
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
  errorBody: (status) => {
    const [type, message] = ERRORS[status] ?? ERRORS[500]!;
    return { error: { message, type, code: String(status) } };
  },
};
