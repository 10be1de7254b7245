// Kagi's v0 wire format: `Authorization: Bot <token>`, GET /search?q=&limit=, every answer in
// the {meta, data, error} envelope; snippets are HTML, related searches come as t: 1.
// The query string is checked as Kagi's v0 reference (https://help.kagi.com/kagi/api/search.html)
// describes it: q is required, limit a positive integer, no other parameter.
import { count, requestId, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";
import { check, integerIn, known, queryFields, requiredText } from "./mock-validate.ts";

const ERRORS: Record<number, [code: number, msg: string]> = {
  400: [1, "Missing q parameter"],
  401: [2, "Unauthorized: invalid token"],
  403: [2, "Forbidden: this token may not be used from this IP address"],
  404: [1, "Not found"],
  429: [0, "Too many requests"],
  500: [0, "Internal error"],
};

const SEARCH_RULES = [known(["q", "limit"]), requiredText("q"), integerIn("limit", 1)];

const meta = () => ({ id: requestId(), node: "us-east4", ms: 12, api_balance: 10 });

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const kagiFormat: MockFormat = {
  key: (headers) => /^Bot\s+(.+)$/.exec(headers.authorization ?? "")?.[1]?.trim(),
  routes: {
    "GET /search": ({ query }) => {
      const fields = queryFields(query, ["limit"]);
      check(fields, SEARCH_RULES);
      const q = query.get("q")!;
      const hits = mockHits(q, count(fields.limit, 10)).map((hit, i) => ({
        t: 0,
        rank: i + 1,
        url: hit.url,
        title: hit.title,
        snippet: `<b>${escapeHtml(q)}</b>&nbsp;${escapeHtml(hit.snippet)}`,
        published: hit.published.toISOString(),
      }));
      return { meta: meta(), data: [...hits, { t: 1, list: [`${q} news`, `${q} wiki`] }] };
    },
  },
  errorBody: (status, message) => {
    const [code, msg] = ERRORS[status] ?? ERRORS[500]!;
    return { meta: meta(), data: null, error: [{ code, msg: message ?? msg, ref: null }] };
  },
};
