// Exa's wire format: the key in x-api-key or as `Authorization: Bearer` (Exa's OpenAPI spec
// documents both), POST /search with optional contents, errors as {requestId, error, tag}.
// The search body is checked against that spec (https://exa.ai/docs/exa-spec.yaml): its fields,
// numResults 1..100, and the `type` enum (neural, fast, auto, deep, deep-reasoning, instant,
// and lite, added by Exa's changelog after the spec; "keyword" is no longer a type).
import { bearer, count, requestId, text, type JsonObject, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";
import { check, integerIn, known, ofType, oneOf, requiredText, stringList } from "./mock-validate.ts";

export const EXA_SEARCH_TYPES = ["neural", "fast", "auto", "deep", "deep-reasoning", "instant", "lite"] as const;

const ERRORS: Record<number, [tag: string, message: string]> = {
  400: ["INVALID_REQUEST_BODY", "Invalid request body: query is required"],
  401: ["INVALID_API_KEY", "Invalid API key"],
  403: ["ACCESS_DENIED", "Your API key does not have access to this endpoint"],
  404: ["NOT_FOUND", "Not found"],
  429: ["RATE_LIMIT_EXCEEDED", "Rate limit exceeded"],
  500: ["INTERNAL_ERROR", "Internal server error"],
};

const SEARCH_FIELDS = [
  "query", "additionalQueries", "type", "outputSchema", "systemPrompt", "category", "userLocation", "numResults", "includeDomains", "excludeDomains",
  "startCrawlDate", "endCrawlDate", "startPublishedDate", "endPublishedDate", "includeText", "excludeText", "context", "moderation", "contents", "flags",
];

const SEARCH_RULES = [
  known(SEARCH_FIELDS),
  requiredText("query"),
  oneOf("type", EXA_SEARCH_TYPES),
  oneOf("category", ["company", "research paper", "news", "pdf", "github", "personal site", "people", "financial report"]),
  integerIn("numResults", 1, 100),
  ...["includeDomains", "excludeDomains", "includeText", "excludeText", "additionalQueries", "flags"].map((name) => stringList(name)),
  ...["startCrawlDate", "endCrawlDate", "startPublishedDate", "endPublishedDate", "userLocation", "systemPrompt"].map((name) => ofType(name, "string")),
  ofType("moderation", "boolean"),
  ofType("contents", "object"),
  ofType("outputSchema", "object"),
];

export const exaFormat: MockFormat = {
  key: (headers) => text(headers["x-api-key"]) ?? bearer(headers),
  routes: {
    "POST /search": ({ body }) => {
      check(body, SEARCH_RULES);
      const query = text(body.query)!;
      const contents = (body.contents ?? {}) as JsonObject;
      return {
        requestId: requestId(),
        resolvedSearchType: typeof body.type === "string" && body.type !== "auto" ? body.type : "neural",
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
  errorBody: (status, message) => {
    const [tag, error] = ERRORS[status] ?? ERRORS[500]!;
    return { requestId: requestId(), error: message ?? error, tag };
  },
};
