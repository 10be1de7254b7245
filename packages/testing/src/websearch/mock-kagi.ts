// Kagi's v0 wire format: `Authorization: Bot <token>`, GET /search?q=&limit=, every answer in
// the {meta, data, error} envelope; snippets are HTML, related searches come as t: 1.
import { count, requestId, type MockFormat } from "./mock-format.ts";
import { mockHits } from "./mock-hits.ts";

const ERRORS: Record<number, [code: number, msg: string]> = {
  400: [1, "Missing q parameter"],
  401: [2, "Unauthorized: invalid token"],
  403: [2, "Forbidden: this token may not be used from this IP address"],
  404: [1, "Not found"],
  429: [0, "Too many requests"],
  500: [0, "Internal error"],
};

const meta = () => ({ id: requestId(), node: "us-east4", ms: 12, api_balance: 10 });

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const kagiFormat: MockFormat = {
  key: (headers) => /^Bot\s+(.+)$/.exec(headers.authorization ?? "")?.[1]?.trim(),
  routes: {
    "GET /search": ({ query }) => {
      const q = query.get("q");
      if (!q) return undefined;
      const hits = mockHits(q, count(query.get("limit"), 10)).map((hit, i) => ({
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
  errorBody: (status) => {
    const [code, msg] = ERRORS[status] ?? ERRORS[500]!;
    return { meta: meta(), data: null, error: [{ code, msg, ref: null }] };
  },
};
