// The one HTTP path every adapter shares. An adapter only describes its wire format (the
// request for a search, the request proving a key, and how to read results); this file sends
// them through the injected client and turns every failure into a typed SearchFailure.
import { UpstreamAnswerTooLargeError, type UpstreamHttp } from "@switchyard/providers";
import { httpFailure, transportFailure, unreadableResponse } from "./failures.ts";
import type { SearchFailure, SearchProvider, SearchProviderId, SearchRequest, SearchResult, SearchTarget } from "./types.ts";

const MAX_ERROR_BODY = 64 * 1024;

export interface WireRequest {
  method: "GET" | "POST";
  /** Appended to the target's base URL, query string included. */
  path: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface SearchWire {
  id: SearchProviderId;
  name: string;
  docsUrl: string;
  defaultBaseUrl: string;
  searchRequest(request: SearchRequest, apiKey: string): WireRequest;
  parseResults(body: unknown, request: SearchRequest): SearchResult[];
  validationRequest(apiKey: string): WireRequest;
}

async function boundedText(body: AsyncIterable<Uint8Array>): Promise<string> {
  let text = "";
  for await (const chunk of body) {
    if (text.length < MAX_ERROR_BODY) text += Buffer.from(chunk).toString("utf8");
  }
  return text;
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error as Error)?.name === "AbortError";
}

async function call(http: UpstreamHttp, target: SearchTarget, wire: WireRequest, signal: AbortSignal): Promise<{ ok: true; body: unknown } | SearchFailure> {
  const json = wire.body !== undefined;
  let res;
  try {
    res = await http.send(`${target.baseUrl.replace(/\/+$/, "")}${wire.path}`, {
      method: wire.method,
      headers: { accept: "application/json", ...(json ? { "content-type": "application/json" } : {}), ...wire.headers },
      body: json ? JSON.stringify(wire.body) : undefined,
      signal,
      untrusted: target.untrustedUrl,
    });
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    return transportFailure(error);
  }
  try {
    if (res.statusCode < 200 || res.statusCode >= 300) return httpFailure(res.statusCode, res.headers, await boundedText(res.body), target.apiKey);
    return { ok: true, body: await http.json(res.body) };
  } catch (error) {
    if (isAbort(error, signal)) throw error;
    if (error instanceof UpstreamAnswerTooLargeError) return unreadableResponse(error);
    return error instanceof SyntaxError ? unreadableResponse() : transportFailure(error);
  }
}

export function defineSearchProvider(wire: SearchWire): SearchProvider {
  return {
    id: wire.id,
    name: wire.name,
    docsUrl: wire.docsUrl,
    defaultBaseUrl: wire.defaultBaseUrl,
    async search(http, target, request, signal) {
      const out = await call(http, target, wire.searchRequest(request, target.apiKey), signal);
      return out.ok ? { ok: true, results: wire.parseResults(out.body, request).slice(0, request.maxResults) } : out;
    },
    async validateKey(http, target, signal) {
      const out = await call(http, target, wire.validationRequest(target.apiKey), signal);
      return out.ok ? { ok: true } : out;
    },
  };
}
