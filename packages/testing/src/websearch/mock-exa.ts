// Exa's wire format: x-api-key (or Bearer) key, POST /search with optional contents,
// errors as {requestId, error, tag}.
import { bearer, count, requestId, text, type JsonObject, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";

const ERRORS: Record<number, [tag: string, message: string]> = {
  400: ["INVALID_REQUEST_BODY", "Invalid request body: query is required"],
  401: ["INVALID_API_KEY", "Invalid API key"],
  403: ["ACCESS_DENIED", "Your API key does not have access to this endpoint"],
  404: ["NOT_FOUND", "Not found"],
  429: ["RATE_LIMIT_EXCEEDED", "Rate limit exceeded"],
  500: ["INTERNAL_ERROR", "Internal server error"],
};

export const exaFormat: MockFormat = {
  key: (headers) => text(headers["x-api-key"]) ?? bearer(headers),
  routes: {
    "POST /search": ({ body }) => {
      const query = text(body.query);
      if (!query) return undefined;
      const contents = (typeof body.contents === "object" && body.contents !== null ? body.contents : {}) as JsonObject;
      return {
        requestId: requestId(),
        resolvedSearchType: body.type === "keyword" ? "keyword" : "neural",
        results: mockHits(query, count(body.numResults, 10)).map((hit) => ({
          id: hit.url,
          title: hit.title,
          url: hit.url,
          publishedDate: hit.published.toISOString(),
          author: null,
          score: hit.score,
          ...(contents.highlights ? { highlights: [hit.snippet], highlightScores: [hit.score] } : {}),
          ...(contents.text ? { text: hit.snippet } : {}),
        })),
        costDollars: { total: 0.005 },
      };
    },
  },
  errorBody: (status) => {
    const [tag, error] = ERRORS[status] ?? ERRORS[500]!;
    return { requestId: requestId(), error, tag };
  },
};
