// One node:http server faking every web-search provider, each under its own prefix
// (/tavily, /exa, /kagi, /perplexity) and speaking that provider's wire format: its routes,
// auth header, success bodies and error bodies. A provider's base URL is `${url}/${id}`.
//
// The API key decides the answer: one containing "bad" (or no key, or a malformed auth
// header) → 401; "forbidden" → 403; "ratelimited" → 429 with retry-after: 7; "down" → 500;
// "slow" → the answer after 3 s (for timeouts); anything else → success. Results are
// deterministic (mock-hits.ts) and honour the provider's max-results field. A request with a
// good key is then checked as the provider's API checks it (unknown fields, types, ranges,
// enums: mock-validate.ts) and refused with a 400 in that provider's error body.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SearchProviderId } from "@switchyard/catalog";
import { exaFormat } from "./mock-exa.ts";
import type { JsonObject, MockFormat, RouteInput } from "./mock-format.ts";
import { kagiFormat } from "./mock-kagi.ts";
import { perplexityFormat } from "./mock-perplexity.ts";
import { tavilyFormat } from "./mock-tavily.ts";
import { MockInvalidRequest } from "./mock-validate.ts";

const SLOW_MS = 3000;
/** Every web-search provider of the catalog, each in its wire format. */
const FORMATS: Record<SearchProviderId, MockFormat> = { tavily: tavilyFormat, exa: exaFormat, kagi: kagiFormat, perplexity: perplexityFormat };

export interface RecordedSearchRequest {
  provider: SearchProviderId;
  method: string;
  /** The full request path, provider prefix and query string included. */
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  body: unknown;
}

export interface MockSearchUpstream {
  url: string;
  requests: RecordedSearchRequest[];
  /** The base URL standing in for a provider's default one. */
  baseUrl(provider: SearchProviderId): string;
  close(): Promise<void>;
}

function statusForKey(key: string | undefined): number | "slow" {
  if (!key || key.includes("bad")) return 401;
  if (key.includes("forbidden")) return 403;
  if (key.includes("ratelimited")) return 429;
  if (key.includes("down")) return 500;
  return key.includes("slow") ? "slow" : 200;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  let raw = "";
  for await (const chunk of req) raw += String(chunk);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]])));
}

/** The route's answer, or the provider's 400 for a body that is not a JSON object or breaks its API's rules. */
function answerRoute(format: MockFormat, route: (input: RouteInput) => unknown, body: unknown, query: URLSearchParams): { status: number; body: unknown } {
  if (body !== undefined && (typeof body !== "object" || body === null || Array.isArray(body))) {
    return { status: 400, body: format.errorBody(400, "The request body must be a JSON object") };
  }
  try {
    return { status: 200, body: route({ body: (body ?? {}) as JsonObject, query }) };
  } catch (error) {
    if (error instanceof MockInvalidRequest) return { status: 400, body: format.errorBody(400, error.message) };
    throw error;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export async function startMockSearchUpstream(): Promise<MockSearchUpstream> {
  const requests: RecordedSearchRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://mock");
    const [, prefix = "", ...rest] = url.pathname.split("/");
    const body = await readBody(req);
    if (!Object.hasOwn(FORMATS, prefix)) return sendJson(res, 404, { error: "Unknown provider prefix" });
    const provider = prefix as SearchProviderId;
    const format = FORMATS[provider];
    const headers = lowerCaseHeaders(req);
    requests.push({ provider, method: req.method ?? "GET", path: `${url.pathname}${url.search}`, headers, body });

    const route = format.routes[`${req.method} /${rest.join("/")}`];
    if (!route) return sendJson(res, 404, format.errorBody(404));
    const status = statusForKey(format.key(headers));
    if (typeof status === "number" && status !== 200) {
      return sendJson(res, status, format.errorBody(status), status === 429 ? { "retry-after": "7" } : {});
    }
    const answer = answerRoute(format, route, body, url.searchParams);
    const reply = () => sendJson(res, answer.status, answer.body);
    if (status !== "slow") return reply();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) reply();
    }, SLOW_MS);
    timers.add(timer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendJson(res, 500, { error: "mock failure" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    baseUrl: (provider) => `${url}/${provider}`,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
